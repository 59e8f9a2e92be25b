package tw.queue.config;

import java.util.Collection;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?" for misspelt keys and service ids (edit distance from commons-text). */
final class Suggest {

    private Suggest() {
    }

    /** The candidate closest to {@code word} if it is within a small edit distance, else null. */
    static String closest(String word, Collection<String> candidates) {
        if (word == null) {
            return null;
        }
        // Distances above the limit come back as -1.
        LevenshteinDistance within = new LevenshteinDistance(word.length() <= 4 ? 1 : 2);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = within.apply(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }
}
