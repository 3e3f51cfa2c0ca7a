package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResidentMemoryTest {
    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 4012340 kB
            VmHWM:\t   61000 kB
            VmRSS:\t   58312 kB
            RssAnon:\t   40000 kB
            Threads:\t25
            """;

    @Test
    void readsVmRssInBytes() {
        assertEquals(58_312L * 1024, ResidentMemory.parse(STATUS, "status").bytes());
    }

    @Test
    void aMissingLineNamesTheSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResidentMemory.parse(STATUS.replace("VmRSS", "VmXXX"), "/proc/42/status"));
        assertEquals("/proc/42/status: no VmRSS line (is this Linux's /proc/<pid>/status?)", e.getMessage());
    }

    @Test
    void aMalformedLineIsQuoted() {
        for (String bad : new String[] {"VmRSS:\t 58312 MB", "VmRSS:\t lots kB", "VmRSS:", "VmRSS:\t -5 kB"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ResidentMemory.parse(STATUS.replaceFirst("VmRSS:.*", bad), "status"), bad);
            assertTrue(e.getMessage().startsWith("status: malformed VmRSS line '" + bad.strip() + "'"), e.getMessage());
        }
    }

    @Test
    void thisProcessHasSomeResidentMemory() throws Exception {
        assertTrue(ResidentMemory.read().bytes() > 1024 * 1024, "a JVM is resident for more than 1 MB");
    }
}
