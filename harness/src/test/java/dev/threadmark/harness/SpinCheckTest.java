package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SpinCheckTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void measuresCpuTimePerTaskOnEveryCore() throws Exception {
        SpinCheck check = SpinCheck.measure(2_000, Runtime.getRuntime().availableProcessors());
        assertTrue(check.lowNanos() > 0 && check.lowNanos() <= check.cpuNanos() && check.cpuNanos() <= check.highNanos(),
                check.toString());
        assertTrue(check.wallNanos() > 0, check.toString());
    }

    @Test
    void itsOneLineRoundTripsAndAnythingElseIsRefused() {
        SpinCheck c = new SpinCheck(10123.4, 9900.0, 10500.5, 10300.0);
        assertEquals(c, SpinCheck.parse(c.line() + "\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpinCheck.parse("oops"));
        assertTrue(e.getMessage().contains("expected 'cpu=<ns>"), e.getMessage());
    }
}
