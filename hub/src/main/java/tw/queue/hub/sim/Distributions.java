package tw.queue.hub.sim;

import java.util.SplittableRandom;

/** Samples of the scenario's distributions, in seconds. */
final class Distributions {
    private Distributions() {
    }

    static double exponential(SplittableRandom rng, double mean) {
        return -mean * Math.log(1.0 - rng.nextDouble());
    }

    static double normal(SplittableRandom rng) {
        // Box-Muller; one value per call keeps the stream simple and reproducible.
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Minutes drawn from a scenario distribution, returned in seconds. */
    static double seconds(SplittableRandom rng, Scenario.Dist d) {
        String kind = d.dist() == null ? "exponential" : d.dist();
        double mean = d.meanMinutes() * 60.0;
        return switch (kind) {
            case "exponential" -> exponential(rng, mean);
            case "lognormal" -> {
                double sigma2 = Math.log(1 + d.cv() * d.cv());
                double mu = Math.log(mean) - sigma2 / 2;
                yield Math.exp(mu + Math.sqrt(sigma2) * normal(rng));
            }
            case "empirical" -> d.values().get(rng.nextInt(d.values().size())) * 60.0;
            case "fixed" -> mean;
            default -> throw new IllegalArgumentException("unknown distribution '" + kind
                    + "' (exponential, lognormal, empirical, fixed)");
        };
    }
}
