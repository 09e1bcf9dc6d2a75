package io.aiocop.internal.agent;

import io.aiocop.internal.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.LatentMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * The agent's class file transformer: adds the advice of {@link BlockingCallRules} to the classes the rules name,
 * when they load and when they are retransformed, and leaves every other class alone after one look at its name.
 *
 * <p>Why not ByteBuddy's {@code AgentBuilder}: on a cold JVM it was most of the install. Its transformer class is
 * generated with ByteBuddy at first use (to implement the module-aware {@code transform}, which this class
 * implements directly, aiocop needing Java 17), and its retransformation describes and matches every loaded class,
 * where the rules are names. This class does what the builder was configured to do, step by step: ByteBuddy's
 * {@code disableClassFormatChanges()} (a frozen redefinition without an implementation context, so no member is
 * added), the hybrid description (the loaded class when retransforming, else its class file through a lazy type
 * pool; the class file when the loaded one cannot be described), a read edge from a named module to the
 * bootstrap bridge's module, and one transformation at a time per thread: a class loaded while this thread
 * transforms another is left as it is, as ByteBuddy's circularity lock leaves it.
 *
 * <p>Thread-safe: the JVM calls it on whatever thread loads a class, and on the thread that retransforms.
 */
final class BlockingCallTransformer implements ClassFileTransformer {

    private static final Log LOG = Log.get("io.aiocop.agent");

    /** Never instrumented, whatever a rule says: the shaded ByteBuddy, the bridge and ByteBuddy itself. */
    private static final String[] IGNORED_PREFIXES = {
        "io.aiocop.shaded.", "io.aiocop.internal.bootstrap.", "net.bytebuddy.",
    };

    /** What {@code AgentBuilder.disableClassFormatChanges()} and its frozen redefinition configure. */
    private static final ByteBuddy BYTE_BUDDY = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(InstrumentedType.Factory.Default.FROZEN)
            .with(VisibilityBridgeStrategy.Default.NEVER)
            // Advice only visits the declared methods it matches; the graph of inherited methods is never used.
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

    /** Set while this thread transforms a class. */
    private static final ThreadLocal<Boolean> TRANSFORMING = new ThreadLocal<>();

    private final Instrumentation instrumentation;
    private final Module bridgeModule;
    private final AgentHooks hooks;
    private final Map<String, Set<String>> patched;
    private final Map<String, Throwable> failed;

    /**
     * Creates the transformer; the engine's hooks are connected already.
     *
     * @param instrumentation the JVM's instrumentation, to add read edges
     * @param bridge          the bootstrap bridge, which every instrumented class must be able to read
     * @param hooks           the engine's hooks
     * @param patched         receives the instrumented methods of each transformed class; a failed class has none
     * @param failed          receives the classes whose transformation failed, with the reason
     */
    BlockingCallTransformer(Instrumentation instrumentation, Class<?> bridge, AgentHooks hooks,
            Map<String, Set<String>> patched, Map<String, Throwable> failed) {
        this.instrumentation = instrumentation;
        this.bridgeModule = bridge.getModule();
        this.hooks = hooks;
        this.patched = patched;
        this.failed = failed;
    }

    /** Returns whether this transformer instruments the class named {@code typeName}. */
    static boolean isInstrumented(String typeName) {
        if (!BlockingCallRules.isTarget(typeName)) {
            return false;
        }
        for (String prefix : IGNORED_PREFIXES) {
            if (typeName.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        String typeName = internalName.replace('/', '.');
        if (!isInstrumented(typeName) || TRANSFORMING.get() != null) {
            return null;
        }
        TRANSFORMING.set(Boolean.TRUE);
        // A class first loaded by a loop thread is transformed on that thread. What the transformation does there
        // (reading the advice's class files from aiocop's jar or directory, logging a failure, which may write to
        // a socket when standard error is one) is aiocop's work, not the task's, so nothing is recorded in
        // between. Recording there would also run the recording path between a ZipFile's seek and its read, and
        // any class that path loads from the same jar moves the file pointer under that read (invalid LOC
        // header). TRANSFORMING keeps transformations on one thread from nesting, so the two calls pair up.
        hooks.beginAgentWork();
        try {
            return instrument(module, loader, typeName, classBeingRedefined, classFile);
        } catch (Throwable failure) {
            failed.put(typeName, failure);
            patched.remove(typeName);
            LOG.warn("aiocop could not instrument {}", typeName, failure);
            return null;
        } finally {
            hooks.endAgentWork();
            TRANSFORMING.remove();
        }
    }

    private byte[] instrument(Module module, ClassLoader loader, String typeName, Class<?> loaded, byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(typeName, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.LazyFacade(new TypePool.Default.WithLazyResolution(
                TypePool.CacheProvider.Simple.withObjectType(), locator, TypePool.Default.ReaderMode.FAST));
        byte[] bytes;
        if (loaded == null) {
            bytes = instrument(pool.describe(typeName).resolve(), locator, pool);
        } else {
            try {
                bytes = instrument(TypeDescription.ForLoadedType.of(loaded), locator, pool);
            } catch (LinkageError | TypeNotPresentException optionalTypeMissing) {
                // A type the loaded class refers to cannot be loaded: describe it from its class file instead.
                bytes = instrument(pool.describe(typeName).resolve(), locator, pool);
            }
        }
        if (module != null && module.isNamed() && !module.canRead(bridgeModule)) {
            instrumentation.redefineModule(module, Set.of(bridgeModule), Map.of(), Map.of(), Set.of(), Map.of());
        }
        return bytes;
    }

    private byte[] instrument(TypeDescription type, ClassFileLocator locator, TypePool pool) {
        DynamicType.Builder<?> builder = BYTE_BUDDY.redefine(type, locator)
                .ignoreAlso(LatentMatcher.ForSelfDeclaredMethod.NOT_DECLARED);
        Set<String> methods = new TreeSet<>();
        for (InstrumentationTarget target : BlockingCallRules.targetsOf(type.getName())) {
            builder = builder.visit(target.visitor());
            if (target instanceof InstrumentationTarget.Blocking) {
                for (MethodDescription method : type.getDeclaredMethods().filter(target.methods())) {
                    methods.add(type.getName() + "#" + method.getName());
                }
            }
        }
        byte[] bytes = builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
        patched.put(type.getName(), methods);
        return bytes;
    }
}
