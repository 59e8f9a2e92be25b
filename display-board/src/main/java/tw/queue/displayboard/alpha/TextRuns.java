package tw.queue.displayboard.alpha;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into what an Alpha sign writes with its own font (printable ASCII) and what must go as a dots
 * picture (everything else, e.g. Chinese). Spaces between two picture characters stay in the picture, so
 * 「號 到」 is one picture, not two.
 */
public final class TextRuns {
    private TextRuns() {
    }

    public record Run(String text, boolean picture) {
    }

    public static List<Run> split(String line) {
        int[] cps = line.codePoints().toArray();
        boolean[] pic = new boolean[cps.length];
        for (int i = 0; i < cps.length; i++) {
            pic[i] = !(cps[i] >= 0x20 && cps[i] <= 0x7E);
        }
        for (int i = 0; i < cps.length; ) {
            if (cps[i] != ' ') {
                i++;
                continue;
            }
            int j = i;
            while (j < cps.length && cps[j] == ' ') {
                j++;
            }
            boolean inside = i > 0 && pic[i - 1] && j < cps.length && pic[j];
            for (int k = i; k < j; k++) {
                pic[k] = inside;
            }
            i = j;
        }
        List<Run> runs = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            if (i > 0 && pic[i] != pic[i - 1]) {
                runs.add(new Run(sb.toString(), pic[i - 1]));
                sb.setLength(0);
            }
            sb.appendCodePoint(cps[i]);
        }
        if (sb.length() > 0) {
            runs.add(new Run(sb.toString(), pic[cps.length - 1]));
        }
        return runs;
    }
}
