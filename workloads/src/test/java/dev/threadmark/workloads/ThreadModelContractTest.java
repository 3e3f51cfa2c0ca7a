package dev.threadmark.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link ThreadModel} contract, checked on every registered model. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadModelContractTest {

    static Iterable<String> models() {
        return Models.names();
    }

    private static ThreadModel create(String name) {
        return Models.create(name, ModelSettings.defaults().withPoolSize(8).withWorkers(2));
    }

    @ParameterizedTest
    @MethodSource("models")
    void runsEveryTaskExactlyOnce(String name) throws Exception {
        int tasks = 5_000;
        try (ThreadModel model = create(name)) {
            for (int round = 0; round < 3; round++) {
                AtomicInteger next = new AtomicInteger();
                AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
                model.run(tasks, () -> {
                    int id = next.getAndIncrement();
                    if (id < tasks) {
                        runs.incrementAndGet(id);
                    }
                });
                assertEquals(tasks, next.get(), "tasks started in round " + round);
                for (int i = 0; i < tasks; i++) {
                    assertEquals(1, runs.get(i), "runs of task " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void runWaitsForSlowTasks(String name) throws Exception {
        AtomicInteger finished = new AtomicInteger();
        try (ThreadModel model = create(name)) {
            model.run(20, () -> {
                Pause.sleep(Duration.ofMillis(50));
                finished.incrementAndGet();
            });
            assertEquals(20, finished.get(), "run returned before its tasks finished");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void propagatesTaskException(String name) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        try (ThreadModel model = create(name)) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> model.run(100, () -> {
                if (next.getAndIncrement() % 25 == 7) {
                    throw new IllegalStateException("task boom");
                }
                completed.incrementAndGet();
            }));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("task boom", e.getCause().getMessage());
            assertEquals(3, e.getCause().getSuppressed().length, "the other failures are kept too");
            assertTrue(e.getMessage().contains("4 of 100 tasks failed"), e.getMessage());
            assertEquals(96, completed.get(), "the failing tasks do not stop the others");

            // the model stays usable after a failed run
            AtomicInteger after = new AtomicInteger();
            model.run(10, after::incrementAndGet);
            assertEquals(10, after.get());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void leavesNoThreadBehind(String name) throws Exception {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        ThreadModel model = create(name);
        try (model) {
            model.run(200, () -> {
                seen.add(Thread.currentThread());
                Pause.sleep(Duration.ofMillis(5));
            });
        }
        assertFalse(seen.isEmpty());
        for (Thread t : seen) {
            if (t.isVirtual()) {
                // Its task has returned (close waited for that); it holds no OS thread and ends
                // on its own, microseconds later — see ThreadPerTask.
                t.join(Duration.ofSeconds(5));
            }
            assertFalse(t.isAlive(), t + " is alive after close");
        }
    }

    /**
     * The fair fight, structurally: one fan-out ({@code ThreadModel.run}, final) for every model;
     * a model can add nothing to it but how a task reaches a thread. If a model could override
     * {@code run}, or declared any other per-run entry point, this fails.
     */
    @org.junit.jupiter.api.Test
    void everyModelSharesOneFanOutAndDiffersOnlyInSubmit() throws Exception {
        java.lang.reflect.Method run = ThreadModel.class.getMethod("run", int.class, Task.class);
        assertTrue(java.lang.reflect.Modifier.isFinal(run.getModifiers()), "ThreadModel.run must be final");
        Set<String> allowed = Set.of("name", "submit", "interruptRunning", "broken", "close", "counters", "platform", "virtual");
        Class<?>[] models = ThreadModel.class.getPermittedSubclasses();
        assertEquals(3, models.length, java.util.Arrays.toString(models));
        for (Class<?> model : models) {
            for (java.lang.reflect.Method m : model.getDeclaredMethods()) {
                if (!m.isSynthetic()) {
                    assertTrue(allowed.contains(m.getName()), model.getSimpleName() + " declares " + m.getName()
                            + ": a model may only say how a task reaches a thread");
                }
            }
        }
        for (String name : Models.names()) {
            try (ThreadModel model = create(name)) {
                assertTrue(java.util.Arrays.asList(models).contains(model.getClass()), name + " is " + model.getClass());
            }
        }
    }

    /**
     * A thread per task carries no name of ours: naming is per-task harness work the queue-fed
     * models do not do. Virtual threads are then unnamed; platform threads get the JDK's own
     * "Thread-N", which every platform thread pays.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"platform", "virtual"})
    void threadPerTaskThreadsAreUnnamed(String name) throws Exception {
        Set<String> names = ConcurrentHashMap.newKeySet();
        try (ThreadModel model = create(name)) {
            model.run(50, () -> names.add(Thread.currentThread().getName()));
        }
        for (String n : names) {
            assertTrue(name.equals("virtual") ? n.isEmpty() : n.matches("Thread-\\d+"), name + " thread named '" + n + "'");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void rejectsNonPositiveTaskCount(String name) throws Exception {
        try (ThreadModel model = create(name)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.run(0, () -> {}));
            assertTrue(e.getMessage().contains("task count must be at least 1"), e.getMessage());
        }
    }
}
