package io.aiocop;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.aiocop.internal.AgentEntryPoint;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the blocking-call agent: aiocop's {@code patch_audit_functions()} for the JVM. Injects the
 * {@link io.aiocop.internal.bootstrap.AiocopBridge} into the bootstrap class loader, connects its hooks, adds
 * advice to the JDK's blocking methods (and to registered application methods and allowances) by retransformation,
 * and proves with a self-test that the advice reaches aiocop.
 *
 * <p>Thread-safe; installs once per JVM. Rules changed after install retransform their class at once.
 */
final class BlockingCallAgent {

    private static final Logger LOG = LoggerFactory.getLogger("io.aiocop.agent");

    static final String BRIDGE = "io.aiocop.internal.bootstrap.AiocopBridge";
    static final String BRIDGE_RESOURCE = "/META-INF/aiocop/AiocopBridge.classdata";

    private static final Object LOCK = new Object();
    private static volatile boolean installed;
    private static Instrumentation instrumentation;
    private static ResettableClassFileTransformer transformer;

    /** The instrumented methods ({@code class#method}) per transformed class, replaced on each transformation. */
    private static final Map<String, Set<String>> PATCHED = new ConcurrentHashMap<>();
    /** Classes whose last transformation failed, with the reason. */
    private static final Map<String, Throwable> FAILED = new ConcurrentHashMap<>();

    private BlockingCallAgent() {
    }

    static boolean isInstalled() {
        return installed;
    }

    /** Installs the agent unless it is installed; see {@link Aiocop#patchAuditFunctions()}. */
    static void install() {
        if (installed) {
            return;
        }
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            long start = System.nanoTime();
            Instrumentation inst = obtainInstrumentation();
            Class<?> bridge = injectBridge(inst);
            AgentRuntime.connect();
            applyIntegrations();
            ResettableClassFileTransformer installedTransformer = agentBuilder(inst, bridge).installOn(inst);
            try {
                selfTest();
            } catch (RuntimeException | Error e) {
                installedTransformer.reset(inst, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
                PATCHED.clear();
                throw e;
            }
            instrumentation = inst;
            transformer = installedTransformer;
            installed = true;
            logNativeGaps();
            LOG.info("aiocop blocking-call agent installed: {} methods in {} classes in {} ms", patchedFunctions().size(),
                    PATCHED.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /** Returns the instrumented methods, sorted. */
    static List<String> patchedFunctions() {
        Set<String> all = new TreeSet<>();
        PATCHED.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** Retransforms the loaded classes named {@code typeName}, if the agent is installed. */
    static void retransform(String typeName) {
        synchronized (LOCK) {
            if (!installed) {
                return;
            }
            List<Class<?>> loaded = new ArrayList<>();
            for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                if (type.getName().equals(typeName) && instrumentation.isModifiableClass(type)) {
                    loaded.add(type);
                }
            }
            if (loaded.isEmpty()) {
                return;
            }
            FAILED.remove(typeName);
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Exception | LinkageError e) {
                FAILED.put(typeName, e);
            }
            Throwable failure = FAILED.get(typeName);
            if (failure != null) {
                PATCHED.remove(typeName);
                throw new IllegalStateException("could not instrument " + typeName + ": " + failure, failure);
            }
        }
    }

    private static Instrumentation obtainInstrumentation() {
        Instrumentation given = AgentEntryPoint.instrumentation();
        if (given != null) {
            return given;
        }
        try {
            return ByteBuddyAgent.install();
        } catch (RuntimeException e) {
            throw new IllegalStateException("aiocop could not attach its agent to this JVM (" + e.getMessage()
                    + "). Start the JVM with -javaagent:<path to aiocop-core.jar>, or allow self-attach with"
                    + " -Djdk.attach.allowAttachSelf=true (and -XX:+EnableDynamicAgentLoading on Java 21+), on a JDK"
                    + " (not a JRE without the jdk.attach module)", e);
        }
    }

    /**
     * Writes the bridge's class file to a temporary jar, appends it to the bootstrap search path and initialises
     * it, before anything is transformed: advice inlined into JDK classes can only see bootstrap classes, and a
     * bridge loaded later (during a transformation) causes a ClassCircularityError that kills that method's advice.
     */
    private static Class<?> injectBridge(Instrumentation inst) {
        try {
            return Class.forName(BRIDGE, true, null);
        } catch (ClassNotFoundException notYetInjected) {
            // The usual case: inject it.
        }
        try (InputStream in = BlockingCallAgent.class.getResourceAsStream(BRIDGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("aiocop-core is incomplete: resource " + BRIDGE_RESOURCE
                        + " is missing; use the released aiocop-core jar");
            }
            File jar = File.createTempFile("aiocop-bootstrap-", ".jar");
            jar.deleteOnExit();
            try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
                out.putNextEntry(new JarEntry(BRIDGE.replace('.', '/') + ".class"));
                in.transferTo(out);
                out.closeEntry();
            }
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            Class<?> bridge = Class.forName(BRIDGE, true, null);
            if (bridge.getClassLoader() != null) {
                throw new IllegalStateException("aiocop's bridge was loaded by " + bridge.getClassLoader()
                        + " instead of the bootstrap class loader");
            }
            return bridge;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("aiocop could not inject its bridge into the bootstrap class loader: " + e,
                    e);
        }
    }

    private static void applyIntegrations() {
        AiocopIntegration.Rules rules = new AiocopIntegration.Rules() {
            @Override
            public void allowBlockingCallsInside(String className, String methodName) {
                BlockingCallRules.putAllowance(className, methodName, true);
            }

            @Override
            public void disallowBlockingCallsInside(String className, String methodName) {
                BlockingCallRules.putAllowance(className, methodName, false);
            }

            @Override
            public void registerFunctionToPatch(String spec, int weight) {
                Aiocop.registerFunctionToPatch(spec, weight);
            }
        };
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ServiceLoader<AiocopIntegration> found = ServiceLoader.load(AiocopIntegration.class,
                loader != null ? loader : BlockingCallAgent.class.getClassLoader());
        for (ServiceLoader.Provider<AiocopIntegration> provider : found.stream().toList()) {
            try {
                provider.get().applyTo(rules);
                LOG.debug("aiocop integration {} applied", provider.type().getName());
            } catch (RuntimeException | ServiceConfigurationError e) {
                LOG.warn("aiocop integration {} failed and was skipped", provider.type().getName(), e);
            }
        }
    }

    private static AgentBuilder agentBuilder(Instrumentation inst, Class<?> bridge) {
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.Listener.ErrorEscalating.FAIL_LAST)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new Listener())
                .ignore(nameStartsWith("io.aiocop.shaded.").or(nameStartsWith("io.aiocop.internal.bootstrap."))
                        .or(nameStartsWith("net.bytebuddy.")))
                .assureReadEdgeTo(inst, bridge)
                .type((TypeDescription type) -> BlockingCallRules.isTarget(type.getName()))
                .transform(BlockingCallAgent::transform);
    }

    private static DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
        Set<String> methods = new TreeSet<>();
        for (InstrumentationTarget target : BlockingCallRules.targetsOf(type.getName())) {
            builder = builder.visit(target.visitor());
            if (target.operation() != null) {
                for (MethodDescription method : type.getDeclaredMethods().filter(target.methods())) {
                    methods.add(type.getName() + "#" + method.getName());
                }
            }
        }
        PATCHED.put(type.getName(), methods);
        return builder;
    }

    /**
     * Records failures per class; a failed class lists no patched method. Brackets every transformation: a class
     * first loaded by a loop thread is transformed on that thread, and what the transformation does there (reading
     * the advice's class files from aiocop's jar or directory, logging a failure, which may write to a socket when
     * standard error is one) is aiocop's work, not the task's, so nothing is recorded in between. Recording there would also run the recording path between a {@code ZipFile}'s seek
     * and its read, and any class that path loads from the same jar moves the file pointer under that read
     * ({@code invalid LOC header}). ByteBuddy calls {@code onComplete} after every {@code onDiscovery}, on the
     * same thread, and its circularity lock keeps transformations on one thread from nesting.
     */
    private static final class Listener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onDiscovery(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
            AgentRuntime.beginAgentWork();
        }

        @Override
        public void onComplete(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
            AgentRuntime.endAgentWork();
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                Throwable throwable) {
            FAILED.put(typeName, throwable);
            PATCHED.remove(typeName);
            LOG.warn("aiocop could not instrument {}", typeName, throwable);
        }
    }

    /** A thread of its own class, so that only it passes the bridge's class check during the self-test. */
    private static final class SelfTestThread extends Thread {
        SelfTestThread() {
            super("aiocop-agent-self-test");
            setDaemon(true);
        }

        @Override
        public void run() {
            LockSupport.parkNanos(1);
            new File(".").exists();
        }
    }

    private static void selfTest() {
        Set<String> seen;
        try {
            seen = AgentRuntime.probe(new SelfTestThread());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("aiocop's agent self-test was interrupted", e);
        }
        if (!seen.containsAll(Set.of("park", "stat"))) {
            throw new IllegalStateException("aiocop's agent was installed but its advice does not reach aiocop (self-test"
                    + " saw " + seen + ", expected park and stat; failures: " + FAILED.keySet() + "). Make sure no"
                    + " other copy of aiocop-core is on the class path, start aiocop's agent before other agents that"
                    + " retransform JDK classes, or start the JVM with -javaagent:<path to aiocop-core.jar>");
        }
    }

    private static void logNativeGaps() {
        List<String> gaps = new ArrayList<>();
        try {
            if (Modifier.isNative(Thread.class.getDeclaredMethod("sleep", long.class).getModifiers())) {
                gaps.add("Thread.sleep(long)");
            }
            if (Modifier.isNative(Object.class.getDeclaredMethod("wait", long.class).getModifiers())) {
                gaps.add("Object.wait(long)");
            }
        } catch (NoSuchMethodException e) {
            return;
        }
        if (!gaps.isEmpty()) {
            LOG.warn("aiocop: on Java {} {} are native and are not instrumented: calls of them on an event loop are"
                    + " not reported (Thread.sleep(long, int), TimeUnit.sleep, Object.wait() and"
                    + " Object.wait(long, int) are). Java 21 and later have no such gap.",
                    Runtime.version().feature(), String.join(" and ", gaps));
        }
    }
}
