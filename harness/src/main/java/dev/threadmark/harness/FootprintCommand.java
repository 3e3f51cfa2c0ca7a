package dev.threadmark.harness;

import dev.threadmark.workloads.CapacityExceededException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The parked-task memory probe's command line ({@link Footprint}), for its {@code main} and the
 * {@code threadmark footprint} subcommand. The runtime stage starts it in a fresh JVM per model
 * and count and reads its last line of output.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = {"Parks TASKS tasks of MODEL and prints the heap and resident memory per parked task.",
            "Needs a fixed, pre-touched heap: java -Xms256m -Xmx256m -XX:+AlwaysPreTouch ..."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "1:the model failed (the reason is printed, as a FAILED row gives it)",
            "2:bad arguments, or a heap not fixed and pre-touched"})
public final class FootprintCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "threading model, e.g. virtual")
    private String model;

    @Parameters(index = "1", paramLabel = "TASKS", description = "tasks to park, at least 1")
    private int tasks;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1) {
            throw new ParameterException(spec.commandLine(), "TASKS must be at least 1, got " + tasks);
        }
        if (!Footprint.heapPreTouched()) {
            System.out.println("the heap must be fixed and pre-touched, or RSS growth counts heap pages: run with "
                    + ForkJvm.line());
            return 2;
        }
        try {
            System.out.println(Footprint.measure(model, tasks).line());
            return 0;
        } catch (CapacityExceededException | IllegalArgumentException e) {
            System.out.println(e); // the reason a FAILED row gives: which task the OS refused, a bad model or count
            return 1;
        }
    }
}
