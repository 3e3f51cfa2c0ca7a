package dev.threadmark.workloads;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.infra.Blackhole;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpinCalibrationTest {

    @Test
    void calibratedSpinLandsNearItsTarget() {
        Duration target = Duration.ofMillis(2);
        SpinCalibration c = SpinCalibration.calibrate(target);
        assertTrue(c.tokens() > 0 && c.nanosPerToken() > 0, c.toString());

        long[] samples = new long[21];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            Blackhole.consumeCPU(c.tokens());
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        double ratio = samples[samples.length / 2] / (double) target.toNanos();
        // Generous on purpose: a shared 2-core machine; a broken calibration is off by orders of magnitude.
        assertTrue(ratio > 0.5 && ratio < 2.0, "median spin / target = " + ratio + " for " + c);
    }

    @Test
    void rejectsNonPositiveTarget() {
        assertThrows(IllegalArgumentException.class, () -> SpinCalibration.calibrate(Duration.ZERO));
    }
}
