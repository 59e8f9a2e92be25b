package tw.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain stays pure: no Jackson (its wire shape lives in tw.queue.wire), no Vert.x, no SQL, no wall clock. */
class DomainPurityTest {
    private static final Path SOURCES = Path.of("src/main/java/tw/queue/domain");

    @Test
    void domainSourcesImportNoJacksonVertxOrSql() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offending = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream()
                            .filter(l -> l.matches("\\s*import\\s+(static\\s+)?(com\\.fasterxml|io\\.vertx|java\\.sql)\\..*")
                                    || l.contains("Clock.system") || l.contains("Instant.now()"))
                            .map(l -> p.getFileName() + ": " + l.trim());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(Files.isDirectory(SOURCES)).isTrue();
        assertThat(offending).isEmpty();
    }

    @Test
    void noDomainTypeCarriesAJacksonAnnotation() {
        List<Class<?>> types = new java.util.ArrayList<>(List.of(Priority.class, Channel.class, TicketStatus.class,
                CounterStatus.class, Event.class, Ticket.class));
        for (Class<?> sub : Event.class.getPermittedSubclasses()) {
            types.add(sub);
            if (sub.isSealed()) {
                types.addAll(List.of(sub.getPermittedSubclasses()));
            }
        }
        for (Class<?> t : types) {
            assertThat(Stream.of(t.getAnnotations()).map(a -> a.annotationType().getName()))
                    .as(t.getName()).noneMatch(n -> n.startsWith("com.fasterxml"));
            for (var f : t.getDeclaredFields()) {
                assertThat(Stream.of(f.getAnnotations()).map(a -> a.annotationType().getName()))
                        .as(t.getName() + "." + f.getName()).noneMatch(n -> n.startsWith("com.fasterxml"));
            }
        }
    }
}
