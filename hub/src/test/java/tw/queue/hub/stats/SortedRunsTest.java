package tw.queue.hub.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A year of daily runs merged by binary searches gives exactly what sorting every value gives. */
class SortedRunsTest {
    @Test
    void orderStatisticsOfManyRunsAreThoseOfAllTheValuesSorted() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            SortedRuns runs = new SortedRuns();
            int[] all = new int[0];
            int n = 1 + random.nextInt(40);
            for (int r = 0; r < n; r++) {
                // waits in milliseconds, with ties (whole seconds now and then) and an empty day
                int[] run = new int[random.nextInt(30)];
                for (int i = 0; i < run.length; i++) {
                    run[i] = random.nextBoolean() ? random.nextInt(2_700_000) : 1000 * random.nextInt(60);
                }
                Arrays.sort(run);
                runs.addRun(run);
                all = concat(all, run);
            }
            for (int i = 0; i < random.nextInt(20); i++) {
                int v = random.nextInt(100_000);
                runs.add(v);
                all = concat(all, new int[] {v});
            }
            Arrays.sort(all);
            assertThat(runs.size()).isEqualTo(all.length);
            for (int k = 0; k < all.length; k++) {
                assertThat(runs.orderStatistic(k)).as("rank " + k).isEqualTo(all[k]);
            }
            if (all.length > 0) {
                assertThat(runs.max()).isEqualTo(all[all.length - 1]);
                double[] d = Arrays.stream(all).asDoubleStream().toArray();
                for (double p : new double[] {0, 0.1, 0.5, 0.9, 1}) {
                    assertThat(runs.percentile(p)).isEqualTo(Percentile.of(d, p));
                }
                int bound = all[random.nextInt(all.length)];
                assertThat(runs.countAtMost(bound)).isEqualTo((int) Arrays.stream(all).filter(v -> v <= bound).count());
                assertThat(runs.countBelow(bound)).isEqualTo((int) Arrays.stream(all).filter(v -> v < bound).count());
            }
            assertThat(runs.toSortedArray()).isEqualTo(all);
        }
    }

    @Test
    void noValuesHaveNoPercentileAndNoMaximum() {
        SortedRuns none = new SortedRuns();
        none.addRun(new int[0]);
        assertThat(none.percentile(0.5)).isNull();
        assertThat(none.countAtMost(Long.MAX_VALUE)).isZero();
        assertThatThrownBy(none::max).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> none.orderStatistic(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theDocumentedExampleOfTheOneDefinition() {
        SortedRuns runs = new SortedRuns();
        runs.addRun(new int[] {60, 600});
        runs.addRun(new int[] {0, 120, 1200});
        assertThat(runs.percentile(0.5)).isEqualTo(120.0);
        assertThat(runs.percentile(0.9)).isEqualTo(960.0);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
