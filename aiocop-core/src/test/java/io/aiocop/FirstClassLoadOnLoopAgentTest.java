package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDK class first loaded by a monitored thread inside a task is transformed on that thread, and the transformer
 * reads aiocop's advice classes from its jar. Runs in a separate JVM whose class path holds jars only, as an
 * application's does: reading a class file from a jar while another read of the same jar is half done (seek done,
 * read not yet) corrupts that read.
 */
final class FirstClassLoadOnLoopAgentTest {

    @TempDir
    Path tmp;

    @Test
    void aBootstrapClassFirstLoadedInATaskIsInstrumentedAndTheTransformationIsNotReported() throws Exception {
        assumeThat(System.getProperty("aiocop.agentJar")).as("run by the agent-tests execution").isNotNull();
        Path output = tmp.resolve("out.txt");
        List<String> classPath = new ArrayList<>();
        classPath.add(System.getProperty("aiocop.agentJar"));
        classPath.add(demoJar().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && entry.contains("slf4j")) {
                classPath.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Djdk.attach.allowAttachSelf=true",
                "-XX:+EnableDynamicAgentLoading", "-cp", String.join(File.pathSeparator, classPath),
                "com.acme.FirstLoadDemo")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> out = Files.readAllLines(output, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as("class path %s, output %s", classPath, out).isZero();
        assertThat(out).as("output %s", out)
                .noneMatch(line -> line.contains("could not instrument") || line.contains("ZipException"))
                .contains("PATCHED sun.nio.ch.SocketChannelImpl#connect", "PATCHED sun.nio.ch.SocketChannelImpl#read",
                        "PATCHED sun.nio.ch.SocketChannelImpl#write")
                .noneMatch(line -> line.startsWith("EVENT ") && (line.contains(".jar") || line.contains("bytebuddy")));
    }

    /** Packs the demo into a jar: the corruption needs the advice and the recording path read from jars. */
    private Path demoJar() throws IOException {
        Path jar = tmp.resolve("demo.jar");
        String entry = "com/acme/FirstLoadDemo.class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                InputStream in = FirstClassLoadOnLoopAgentTest.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
