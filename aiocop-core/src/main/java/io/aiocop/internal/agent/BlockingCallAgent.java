package io.aiocop.internal.agent;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.aiocop.internal.AgentEntryPoint;
import io.aiocop.internal.Log;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Installs the blocking-call agent: aiocop's {@code patch_audit_functions()} for the JVM. Injects the
 * {@link io.aiocop.internal.bootstrap.AiocopBridge} into the bootstrap class loader, connects the engine's
 * {@link AgentHooks} to it, adds advice to the JDK's blocking methods (and to registered application methods and
 * allowances) by retransformation, and proves with a self-test that the advice reaches the engine.
 *
 * <p>Thread-safe; installs once per JVM. Rules changed after install retransform their class at once. Internal, no
 * compatibility promise: the engine calls it, users call {@code io.aiocop.Aiocop}.
 */
public final class BlockingCallAgent {

    private static final Log LOG = Log.get("io.aiocop.agent");

    /** The binary name of the bootstrap bridge. */
    public static final String BRIDGE = "io.aiocop.internal.bootstrap.AiocopBridge";
    static final String BRIDGE_RESOURCE = "/META-INF/aiocop/AiocopBridge.classdata";
    /** ByteBuddy's switch for its Nexus (relocated with ByteBuddy in the shaded jar, as ByteBuddy's own copy is). */
    static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private static final Object LOCK = new Object();
    private static volatile boolean installed;
    private static Instrumentation instrumentation;
    private static ResettableClassFileTransformer transformer;
    private static volatile AgentHooks hooks;

    /** The instrumented methods ({@code class#method}) per transformed class, replaced on each transformation. */
    private static final Map<String, Set<String>> PATCHED = new ConcurrentHashMap<>();
    /** Classes whose last transformation failed, with the reason. */
    private static final Map<String, Throwable> FAILED = new ConcurrentHashMap<>();

    private BlockingCallAgent() {
    }

    /**
     * Returns whether the agent is installed in this JVM.
     *
     * @return true once {@link #install(AgentHooks)} succeeded
     */
    public static boolean isInstalled() {
        return installed;
    }

    /**
     * Installs the agent unless it is installed: obtains the JVM's instrumentation (the {@code -javaagent} one, or by
     * self-attach), injects the bridge, calls {@link AgentHooks#connect()}, transforms the targets and runs the
     * self-test. Rules added before this call are applied by it.
     *
     * @param engine the engine's hooks; only the first successful install keeps them
     * @throws IllegalStateException when the agent cannot be attached or its self-test fails; the message says what
     *                               to do
     */
    public static void install(AgentHooks engine) {
        if (installed) {
            return;
        }
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            long start = System.nanoTime();
            if (System.getProperty(NEXUS_DISABLED) == null) {
                // ByteBuddy's Nexus uses sun.misc.Unsafe, which Java 24+ warns about on standard error.
                System.setProperty(NEXUS_DISABLED, "true");
            }
            Instrumentation inst = obtainInstrumentation();
            Class<?> bridge = injectBridge(inst);
            hooks = engine;
            engine.connect();
            ResettableClassFileTransformer installedTransformer = agentBuilder(inst, bridge).installOn(inst);
            try {
                selfTest(engine);
            } catch (RuntimeException | Error e) {
                installedTransformer.reset(inst, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
                PATCHED.clear();
                throw e;
            }
            instrumentation = inst;
            transformer = installedTransformer;
            installed = true;
            coverNativeMethods();
            LOG.info("aiocop blocking-call agent installed: {} methods in {} classes in {} ms; {}",
                    patchedFunctions().size(), PATCHED.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    NettyVersions.loaded(inst));
        }
    }

    /**
     * Returns the instrumented methods, {@code class#method}, sorted.
     *
     * @return an immutable list; empty before install
     */
    public static List<String> patchedFunctions() {
        Set<String> all = new TreeSet<>();
        PATCHED.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /**
     * Allows or disallows blocking inside the methods named {@code methodName} of {@code className}, replacing an
     * earlier rule (or a built-in allowance) of the same method, and retransforms the class if it is loaded.
     *
     * @param className  the binary class name
     * @param methodName the method name; every overload is covered
     * @param allowed    true to allow blocking inside, false to disallow it
     * @throws NullPointerException     when a name is null
     * @throws IllegalArgumentException when a name is not a Java name
     * @throws IllegalStateException    when the loaded class cannot be retransformed
     */
    public static void putAllowance(String className, String methodName, boolean allowed) {
        retransform(BlockingCallRules.putAllowance(className, methodName, allowed).typeName());
    }

    /**
     * Returns whether any rule (built-in, allowance or registered function) names the class.
     *
     * @param typeName the binary class name
     * @return true when the agent instruments methods of that class once it is loaded
     */
    public static boolean isTarget(String typeName) {
        return BlockingCallRules.isTarget(typeName);
    }

    /**
     * Validates a function spec ({@code com.acme.Class#method}) and resolves its class, registering nothing.
     *
     * @param spec the spec
     * @return the class the spec names
     * @throws NullPointerException     when {@code spec} is null
     * @throws IllegalArgumentException when the spec is malformed, refused, or names no patchable method
     */
    public static Class<?> resolveFunction(String spec) {
        return BlockingCallRules.resolveFunction(spec);
    }

    /**
     * Instruments the methods a resolved spec names, so that their calls report the operation {@code spec}; the
     * engine registers the operation's weight first. Nothing stays registered when this throws.
     *
     * @param spec a spec that {@link #resolveFunction(String)} accepted
     * @throws IllegalStateException when the loaded class cannot be retransformed
     */
    public static void patchFunction(String spec) {
        String typeName = BlockingCallRules.putFunction(spec).typeName();
        try {
            retransform(typeName);
        } catch (IllegalStateException e) {
            BlockingCallRules.removeFunction(spec);
            retransform(typeName);
            throw e;
        }
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
     * Defines the bridge in the bootstrap class loader ({@link BootstrapClassDefiner}; where that is impossible,
     * writes it to a temporary jar appended to the bootstrap search path, which makes a JVM with class-data sharing
     * print a warning) and initialises it, before anything is transformed: advice inlined into JDK classes can only see bootstrap classes, and a
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
            byte[] bytes = in.readAllBytes();
            Class<?> defined = BootstrapClassDefiner.define(inst, BRIDGE, bytes);
            if (defined != null) {
                Class.forName(BRIDGE, true, null);
                return defined;
            }
            File jar = File.createTempFile("aiocop-bootstrap-", ".jar");
            jar.deleteOnExit();
            try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
                out.putNextEntry(new JarEntry(BRIDGE.replace('.', '/') + ".class"));
                out.write(bytes);
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
            if (target instanceof InstrumentationTarget.Blocking) {
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
            AgentHooks engine = hooks;
            if (engine != null) {
                engine.beginAgentWork();
            }
        }

        @Override
        public void onComplete(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
            AgentHooks engine = hooks;
            if (engine != null) {
                engine.endAgentWork();
            }
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

    private static void selfTest(AgentHooks engine) {
        Set<String> seen;
        try {
            seen = engine.probe(new SelfTestThread());
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

    /**
     * Says once where {@code Thread.sleep(long)} and {@code Object.wait(long)} are native (Java 17 and 18; 19 to 20
     * for {@code wait}) and so take no advice: the stall watchdog's sampling reports them instead, as {@code SAMPLED}
     * events of tasks that run past half their threshold. They are never wrapped through the native-method prefix:
     * with {@code -XX:+AllowRedefinitionToAddDeleteMethods} such a wrapper of {@code Object.wait} crashed the JVM
     * (SIGSEGV in {@code Method::line_number_from_bci}) as soon as a JFR recording resolved the stack of a monitor
     * wait in it, and a recording can start at any time ({@code jcmd JFR.start}).
     */
    private static void coverNativeMethods() {
        List<String> gaps = new ArrayList<>();
        if (isNativeWithMillis(Thread.class, "sleep")) {
            gaps.add("Thread.sleep(long)");
        }
        if (isNativeWithMillis(Object.class, "wait")) {
            gaps.add("Object.wait(long)");
        }
        if (!gaps.isEmpty()) {
            LOG.info("aiocop: on Java {} {} are native and take no advice; calls of them in a task that runs past"
                    + " half its threshold are reported by sampling (Thread.sleep(long, int), TimeUnit.sleep,"
                    + " Object.wait() and Object.wait(long, int) are instrumented)",
                    Runtime.version().feature(), String.join(" and ", gaps));
        }
    }

    private static boolean isNativeWithMillis(Class<?> type, String name) {
        try {
            return Modifier.isNative(type.getDeclaredMethod(name, long.class).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
