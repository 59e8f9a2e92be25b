package tw.queue.hub.stats;

/**
 * A group's visits split in two: those counted, and the suspicious ones ({@link MonthlyEvaluation#suspicious},
 * served in under 30 s) that the monthly evaluation counts apart. The history summary takes them together.
 */
public record SplitTally(VisitTally counted, VisitTally suspicious) {
    public SplitTally() {
        this(new VisitTally(), new VisitTally());
    }

    public VisitTally of(boolean isSuspicious) {
        return isSuspicious ? suspicious : counted;
    }

    /** Every visit of the group. */
    public VisitTally all() {
        VisitTally all = new VisitTally();
        all.addAll(counted);
        all.addAll(suspicious);
        return all;
    }
}
