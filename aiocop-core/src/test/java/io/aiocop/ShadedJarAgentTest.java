package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The aiocop-core jar is the agent jar: relocated ByteBuddy, the bridge as a resource only, agent manifest. */
final class ShadedJarAgentTest {

    @Test
    void theJarIsAShadedAgentJar() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("aiocop.agentJar"))) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Premain-Class")).isEqualTo("io.aiocop.internal.AgentEntryPoint");
            assertThat(manifest.getValue("Agent-Class")).isEqualTo("io.aiocop.internal.AgentEntryPoint");
            assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(manifest.getValue("Can-Redefine-Classes")).isEqualTo("true");
            assertThat(manifest.getValue("Can-Set-Native-Method-Prefix")).isEqualTo("true");
            assertThat(manifest.getValue("Automatic-Module-Name")).isEqualTo("io.aiocop.core");

            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertThat(names).contains("io/aiocop/shaded/bytebuddy/ByteBuddy.class",
                    "io/aiocop/shaded/bytebuddy/agent/ByteBuddyAgent.class",
                    "META-INF/aiocop/AiocopBridge.classdata",
                    "io/aiocop/Aiocop.class");
            assertThat(names).noneMatch(name -> name.startsWith("net/bytebuddy/"))
                    .noneMatch(name -> name.contains("/net/bytebuddy/"))
                    .doesNotContain("io/aiocop/internal/bootstrap/AiocopBridge.class");
        }
    }
}
