package tw.queue.config;

import java.util.List;
import java.util.Map;

/** A board device's {@code board:} block as written (see {@link BoardLayout}); boxed so gaps show as null. */
final class BoardDto {
    public Integer width;
    public Integer height;
    public Integer lines;
    public List<Integer> counters;
    public List<String> services;
    public List<String> languages;
    public Integer scrollSpeed;
    public String callEffect;
    public Integer callSeconds;
    public Integer callRepeat;
    public String colour;
    /** Time of day ("HH:MM") to brightness in percent from then on. */
    public Map<String, Integer> brightness;
    public Integer address;
}
