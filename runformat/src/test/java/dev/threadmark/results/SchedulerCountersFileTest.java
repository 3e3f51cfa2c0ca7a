package dev.threadmark.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerCountersFileTest {

    @Test
    void roundTripsEveryColumnIncludingTheHandOffs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("user-blocking-sleep-1000.csv");
        SchedulerCountersRow a = new SchedulerCountersRow(2, 1000, 1000, 5, 6, 7, 900, 0,
                new SchedulerCountersRow.Spares(512, 300, 12, 290, 4000, 3));
        SchedulerCountersRow b = new SchedulerCountersRow(2, 10, 9, 0, 1, 2, 3, 1);
        SchedulerCountersFile.append(file, a);
        SchedulerCountersFile.append(file, b);
        assertEquals(List.of(a, b), SchedulerCountersFile.read(file));
        assertEquals(String.join(",", SchedulerCountersFile.COLUMNS), Files.readAllLines(file).getFirst());
    }

    @Test
    void readsTheFirstFormatWithZeroSpares(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.csv");
        Files.writeString(file, "workers,spawned,completed,steals,parks,timer_fires,global_takes,uncaught\n2,10,10,1,2,3,4,0\n");
        List<SchedulerCountersRow> rows = SchedulerCountersFile.read(file);
        assertEquals(List.of(new SchedulerCountersRow(2, 10, 10, 1, 2, 3, 4, 0)), rows);
        assertEquals(SchedulerCountersRow.Spares.NONE, rows.getFirst().spares());
    }

    @Test
    void refusesAnUnknownHeader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "workers,spawned\n2,10\n");
        assertThrows(MalformedResultsException.class, () -> SchedulerCountersFile.read(file));
    }
}
