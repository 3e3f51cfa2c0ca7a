/**
 * A Go-style M:N user-thread runtime on {@code jdk.internal.vm.Continuation}: {@link
 * dev.threadmark.userthreads.Scheduler} (design notes at its head), {@link
 * dev.threadmark.userthreads.Fiber} (the user thread and its rules), {@link
 * dev.threadmark.userthreads.WaitGroup} and {@link dev.threadmark.userthreads.Mutex}.
 *
 * <p>Needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} at compile and run time.
 *
 * <p><b>The one rule:</b> never park, sleep or yield a fiber while holding a {@code synchronized}
 * monitor. On a bare {@code Continuation} (JDK 25) the JVM does not notice, and monitor
 * ownership is silently corrupted when the fiber resumes on another carrier; JEP 491 protects
 * only virtual threads. This module's own code takes no monitor around a yield. The same goes
 * for {@code java.util.concurrent} locks, which record the carrier as owner: use {@link
 * dev.threadmark.userthreads.Mutex} in fibers.
 */
package dev.threadmark.userthreads;
