package dev.threadmark.userthreads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * jcstress: the fiber park/unpark handshake ({@link Fiber}'s "park / unpark without lost
 * wake-ups"). The fiber has just yielded with {@code PARKING}; its worker publishes
 * {@code PARKED} and looks for a permit ({@code parkedAndStillWaiting}) while another thread
 * unparks it ({@code claimUnpark}). Exactly one of them must make it runnable again: neither is
 * a lost wake-up, both a fiber run twice. r1 = the unparker resubmits, r2 = the worker does.
 */
@JCStressTest
@Description("Fiber park vs unpark: exactly one side resubmits the fiber")
@Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "one side resubmits")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "lost wake-up")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "resubmitted twice")
@State
public class ParkStress {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.privateLookupIn(Fiber.class, MethodHandles.lookup())
                    .findVarHandle(Fiber.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Fiber fiber = new Fiber(null, () -> {});

    public ParkStress() {
        STATE.setVolatile(fiber, Fiber.PARKING);
    }

    @Actor
    public void unparker(ZZ_Result r) {
        r.r1 = fiber.claimUnpark();
    }

    @Actor
    public void worker(ZZ_Result r) {
        r.r2 = !fiber.parkedAndStillWaiting();
    }
}
