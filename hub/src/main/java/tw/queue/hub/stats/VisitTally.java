package tw.queue.hub.stats;

/**
 * The figures of a group of visits that the history, the histograms and the monthly evaluation are made of:
 * sums and counts that add up, and every wait and service time (milliseconds) so that percentiles, maxima
 * and shares within a target stay exact however many days are merged. A wait is from issue to first call
 * (of the visits called), a service from the last call to finish (of the visits served).
 */
public final class VisitTally {
    private int count;
    private long waitSum;
    private int served;
    private long serviceSum;
    private int noShows;
    /** satisfied, neutral, dissatisfied */
    private final int[] ratings = new int[3];
    private final SortedRuns waits = new SortedRuns();
    private final SortedRuns services = new SortedRuns();

    /**
     * One visit.
     *
     * @param waitMs null when never called; @param serviceMs null unless served
     * @param rating 0 for none, else 1 + its index in {@code Event.TicketRated.RATINGS}
     */
    public void visit(Long waitMs, Long serviceMs, boolean noShow, int rating) {
        count++;
        if (waitMs != null) {
            waits.add(waitMs);
            waitSum += waitMs;
        }
        if (serviceMs != null) {
            services.add(serviceMs);
            served++;
            serviceSum += serviceMs;
        }
        if (noShow) {
            noShows++;
        }
        if (rating > 0) {
            ratings[rating - 1]++;
        }
    }

    /** A stored group's figures (its waits and service times ascending, handed over). */
    public void add(int count, long waitSum, long serviceSum, int noShows, int satisfied, int neutral,
                    int dissatisfied, int[] sortedWaits, int[] sortedServices) {
        this.count += count;
        this.waitSum += waitSum;
        this.served += sortedServices.length;
        this.serviceSum += serviceSum;
        this.noShows += noShows;
        ratings[0] += satisfied;
        ratings[1] += neutral;
        ratings[2] += dissatisfied;
        waits.addRun(sortedWaits);
        services.addRun(sortedServices);
    }

    public void addAll(VisitTally other) {
        count += other.count;
        waitSum += other.waitSum;
        served += other.served;
        serviceSum += other.serviceSum;
        noShows += other.noShows;
        for (int i = 0; i < ratings.length; i++) {
            ratings[i] += other.ratings[i];
        }
        waits.addAll(other.waits);
        services.addAll(other.services);
    }

    public int count() {
        return count;
    }

    /** Visits called at least once: what the waits are over. */
    public int called() {
        return waits.size();
    }

    public long waitSum() {
        return waitSum;
    }

    public int served() {
        return served;
    }

    public long serviceSum() {
        return serviceSum;
    }

    public int noShows() {
        return noShows;
    }

    public int satisfied() {
        return ratings[0];
    }

    public int neutral() {
        return ratings[1];
    }

    public int dissatisfied() {
        return ratings[2];
    }

    public SortedRuns waits() {
        return waits;
    }

    public SortedRuns services() {
        return services;
    }

    /** Mean wait in seconds, or null when none was called. */
    public Double waitMeanSeconds() {
        return called() == 0 ? null : waitSum / 1000.0 / called();
    }

    /** The wait's p-quantile in seconds, or null when none was called. */
    public Double waitPercentileSeconds(double p) {
        Double ms = waits.percentile(p);
        return ms == null ? null : ms / 1000.0;
    }

    public Double waitMaxSeconds() {
        return called() == 0 ? null : waits.max() / 1000.0;
    }

    /** The share of the called whose wait was at most the target, or null when none was called. */
    public Double withinTarget(long targetMs) {
        return called() == 0 ? null : waits.countAtMost(targetMs) / (double) called();
    }

    /** Mean service time in seconds, or null when none was served. */
    public Double serviceMeanSeconds() {
        return served == 0 ? null : serviceSum / 1000.0 / served;
    }
}
