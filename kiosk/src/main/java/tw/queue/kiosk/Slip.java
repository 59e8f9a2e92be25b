package tw.queue.kiosk;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import tw.queue.config.CounterDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;

/**
 * What a ticket slip says, laid out as lines, from plain values: the office, the number very large, the service
 * in Chinese and English, how many are ahead and the estimated wait (as the hub gave them), date and time, the
 * counters (and areas) that serve it, and the QR code's address ({@code /t/{id}} at the public address).
 */
record Slip(List<Line> lines, String qrUrl) {
    enum Style { TITLE, NUMBER, BOLD, NORMAL }

    record Line(String text, Style style) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** The ticket as the hub answered {@code POST /api/tickets}. */
    record Ticket(String id, int number, String service, int ahead, Long estimatedWaitSeconds, Instant issuedAt) {
    }

    static Slip of(OfficeConfig office, Ticket t, String publicBase) {
        SlipTexts zh = new SlipTexts(SlipTexts.ZH_TW);
        SlipTexts en = new SlipTexts(Locale.ENGLISH);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(office.name().in("zh-TW"), Style.TITLE));
        lines.add(new Line(office.name().in("en"), Style.NORMAL));
        lines.add(new Line(Integer.toString(t.number()), Style.NUMBER));
        ServiceDef service = office.service(t.service()).orElse(null);
        lines.add(new Line(service == null ? t.service() : service.names().in("zh-TW"), Style.BOLD));
        if (service != null) {
            lines.add(new Line(service.names().in("en"), Style.NORMAL));
        }
        lines.add(new Line(zh.get("ahead", t.ahead()) + " / " + en.get("ahead", t.ahead()), Style.NORMAL));
        if (t.estimatedWaitSeconds() == null) {
            lines.add(new Line(zh.get("wait.unknown"), Style.NORMAL));
            lines.add(new Line(en.get("wait.unknown"), Style.NORMAL));
        } else {
            long minutes = Math.max(1, Math.round(t.estimatedWaitSeconds() / 60.0));
            lines.add(new Line(zh.get("wait", minutes), Style.NORMAL));
            lines.add(new Line(en.get("wait", minutes), Style.NORMAL));
        }
        String counters = counters(office, t.service(), zh, en);
        if (!counters.isEmpty()) {
            lines.add(new Line(zh.get("counters", counters), Style.NORMAL));
            lines.add(new Line(en.get("counters", counters), Style.NORMAL));
        }
        ZoneId zone = office.timezone();
        lines.add(new Line(WHEN.format(t.issuedAt().atZone(zone)), Style.NORMAL));
        String url = publicBase.replaceAll("/+$", "") + "/t/" + t.id();
        lines.add(new Line(zh.get("scan"), Style.NORMAL));
        lines.add(new Line(en.get("scan"), Style.NORMAL));
        return new Slip(List.copyOf(lines), url);
    }

    /** "1-6, 9 (A)": the counters that may serve the service, runs joined, with their areas. */
    static String counters(OfficeConfig office, String service, SlipTexts zh, SlipTexts en) {
        TreeSet<Integer> numbers = new TreeSet<>();
        TreeSet<String> areas = new TreeSet<>();
        for (CounterDef c : office.counters()) {
            if (c.serves(service)) {
                numbers.add(c.number());
                if (!c.area().isBlank()) {
                    areas.add(c.area());
                }
            }
        }
        List<String> runs = new ArrayList<>();
        Integer start = null;
        Integer prev = null;
        for (int n : numbers) {
            if (start == null) {
                start = n;
            } else if (n != prev + 1) {
                runs.add(start.equals(prev) ? "" + start : start + "-" + prev);
                start = n;
            }
            prev = n;
        }
        if (start != null) {
            runs.add(start.equals(prev) ? "" + start : start + "-" + prev);
        }
        String text = String.join(", ", runs);
        return areas.isEmpty() || text.isEmpty() ? text : text + " (" + String.join(", ", areas) + ")";
    }
}
