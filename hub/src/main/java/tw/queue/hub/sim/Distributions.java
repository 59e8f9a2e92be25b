package tw.queue.hub.sim;

import java.util.random.RandomGenerator;

/** Samples of the scenario's distributions, in seconds, drawn with the JDK's RandomGenerator. */
final class Distributions {
    private Distributions() {
    }

    static double exponential(RandomGenerator rng, double mean) {
        return mean * rng.nextExponential();
    }

    /** Minutes drawn from a scenario distribution, returned in seconds. */
    static double seconds(RandomGenerator rng, Scenario.Dist d) {
        String kind = d.dist() == null ? "exponential" : d.dist();
        double mean = d.meanMinutes() * 60.0;
        return switch (kind) {
            case "exponential" -> exponential(rng, mean);
            case "lognormal" -> {
                // The normal's parameters for the given mean and coefficient of variation.
                double sigma2 = Math.log(1 + d.cv() * d.cv());
                yield Math.exp(rng.nextGaussian(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2)));
            }
            case "empirical" -> d.values().get(rng.nextInt(d.values().size())) * 60.0;
            case "fixed" -> mean;
            default -> throw new IllegalArgumentException("unknown distribution '" + kind
                    + "' (exponential, lognormal, empirical, fixed)");
        };
    }
}
