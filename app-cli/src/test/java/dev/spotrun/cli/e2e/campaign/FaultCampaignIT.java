package dev.spotrun.cli.e2e.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.e2e.campaign.Campaign.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign: the built CLI as a process of its own against {@code spotrun local-cloud} as another, under
 * signals at every step, SIGKILL at every step, a cloud that drops, fails, delays and throttles its answers, hides
 * new machines, refuses to delete groups, interrupts spot machines, loses engine connections, reboots a machine
 * and dies itself. After each scenario nothing of the run may be left: no machine pending or running, no
 * security group, no container on the local engine. It prints one table and a last line that counts what was
 * left. {@code -Dspotrun.campaign.lanes=N} sets how many clouds run scenarios at once (3), and
 * {@code -Dspotrun.campaign.only=TEXT} keeps the scenarios whose name holds TEXT.
 */
class FaultCampaignIT {

    /** Each lane's logs stay in the build directory, for reading after a failed scenario. */
    private final Path dir = Path.of("target", "fault-campaign").toAbsolutePath();

    @Test
    void nothingIsLeftBehindWhateverHappens() throws Exception {
        deleteRecursively(dir);
        Processes.run("bash", "-c", "docker image inspect " + Lane.BIG + " >/dev/null 2>&1 || { d=$(mktemp -d) && "
                + "head -c 50331648 /dev/urandom > $d/blob && printf 'FROM " + Lane.BUSYBOX
                + "\\nCOPY blob /blob\\n' > $d/Dockerfile && docker build -q -t " + Lane.BIG + " $d >/dev/null; "
                + "s=$?; rm -rf $d; exit $s; }");
        String only = System.getProperty("spotrun.campaign.only", "");
        List<Scenario> scenarios = Scenarios.all().stream().filter(s -> s.name().contains(only)).toList();
        int laneCount = Math.min(scenarios.size(), Integer.getInteger("spotrun.campaign.lanes", 3));
        List<Lane> lanes = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(laneCount);
        List<Row> rows = new ArrayList<>();
        try {
            for (int i = 0; i < laneCount; i++) {
                Lane lane = new Lane("L" + (i + 1), dir.resolve("lane-" + (i + 1)));
                lanes.add(lane);
                lane.start();
            }
            List<Future<List<Row>>> results = new ArrayList<>();
            for (int i = 0; i < laneCount; i++) {
                Lane lane = lanes.get(i);
                List<Scenario> share = new ArrayList<>();
                for (int s = i; s < scenarios.size(); s += laneCount) {
                    share.add(scenarios.get(s));
                }
                results.add(executor.submit(() -> play(lane, share)));
            }
            for (Future<List<Row>> result : results) {
                rows.addAll(result.get());
            }
        } finally {
            executor.shutdownNow();
            for (Lane lane : lanes) {
                try {
                    lane.close();
                } catch (Exception e) {
                    System.out.println("lane " + lane.name() + ": " + e.getMessage());
                }
            }
        }
        int machines = rows.stream().mapToInt(Row::machines).sum();
        int groups = rows.stream().mapToInt(Row::groups).sum();
        int containers = rows.stream().mapToInt(Row::containers).sum();
        StringBuilder table = new StringBuilder("\n").append(Campaign.header()).append('\n');
        rows.forEach(row -> table.append(row.line()).append('\n'));
        table.append(String.format("%d fault scenarios, %d machines left, %d groups left, %d containers left%n",
                rows.size(), machines, groups, containers));
        System.out.print(table);
        Files.writeString(Path.of("target", "fault-campaign.txt"), table);
        assertThat(rows).as(table.toString()).allMatch(Row::passed);
        assertThat(rows).hasSize(scenarios.size());
    }

    private static List<Row> play(Lane lane, List<Scenario> scenarios) {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (Scenario scenario : scenarios) {
            Row row = Campaign.execute(lane, scenario, lane.dir().resolve("scenario-" + (++n)));
            System.out.println(row.line());
            rows.add(row);
        }
        return rows;
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
