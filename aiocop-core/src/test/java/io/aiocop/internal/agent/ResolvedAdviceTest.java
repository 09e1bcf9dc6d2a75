package io.aiocop.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.description.method.MethodDescription;
import org.junit.jupiter.api.Test;

final class ResolvedAdviceTest {

    @Test
    void eachTemplateIsResolvedOnceAndSharedByTheRulesThatUseIt() {
        BlockingCallRules.resolveAdvice();

        assertThat(ResolvedAdvice.blocking(BlockingCallAdvice.FirstArgument.class))
                .isSameAs(ResolvedAdvice.blocking(BlockingCallAdvice.FirstArgument.class))
                .isNotSameAs(ResolvedAdvice.blocking(BlockingCallAdvice.Receiver.class));
        assertThat(ResolvedAdvice.allowance(true)).isSameAs(ResolvedAdvice.allowance(true))
                .isNotSameAs(ResolvedAdvice.allowance(false));
    }

    @Test
    void theOperationBoundWhereATemplateIsInlinedIsThatOfTheRuleNamingTheMethod() throws Exception {
        assertThat(BlockingCallRules.operationOf("java.nio.file.Files", BlockingCallAdvice.FirstArgument.class,
                method(Files.class.getMethod("size", Path.class)))).isEqualTo("stat");
        assertThat(BlockingCallRules.operationOf("java.nio.file.Files", BlockingCallAdvice.FirstArgument.class,
                method(Files.class.getMethod("readAllBytes", Path.class)))).isEqualTo("file.read");
        assertThat(BlockingCallRules.operationOf("java.lang.Thread", BlockingCallAdvice.LongArgument.class,
                method(Thread.class.getMethod("sleep", long.class, int.class)))).isEqualTo("sleep");
    }

    @Test
    void aMethodNoRuleGivesThatTemplateIsRefused() throws Exception {
        // Files.move is a FirstTwoArguments rule: no FirstArgument rule names it.
        MethodDescription move = method(Files.class.getMethod("move", Path.class, Path.class,
                java.nio.file.CopyOption[].class));
        assertThatThrownBy(() -> BlockingCallRules.operationOf("java.nio.file.Files",
                BlockingCallAdvice.FirstArgument.class, move)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.nio.file.Files");
        assertThat(BlockingCallRules.operationOf("java.nio.file.Files", BlockingCallAdvice.FirstTwoArguments.class,
                move)).isEqualTo("rename");
    }

    private static MethodDescription method(java.lang.reflect.Method method) {
        return new MethodDescription.ForLoadedMethod(method);
    }
}
