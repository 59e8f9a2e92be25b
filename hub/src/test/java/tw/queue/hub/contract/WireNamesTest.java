package tw.queue.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tw.queue.domain.Channel;
import tw.queue.domain.CounterStatus;
import tw.queue.domain.Priority;
import tw.queue.domain.TicketStatus;
import tw.queue.domain.WireNamed;
import tw.queue.hub.auth.Role;

/** One wire name per value: the enum declares it, the OpenAPI document and every writer use that one. */
class WireNamesTest {

    private static List<String> wire(WireNamed[] values) {
        return Arrays.stream(values).map(WireNamed::wire).toList();
    }

    @Test
    void theOpenApiEnumsAreTheDomainsWireNames() {
        assertThat(Contract.strings(Contract.schema("Priority").path("enum"))).isEqualTo(wire(Priority.values()));
        assertThat(Contract.strings(Contract.schema("PublicPriority").path("enum")))
                .isEqualTo(wire(tw.queue.wire.PublicPriority.values()));
        assertThat(Contract.strings(Contract.schema("Channel").path("enum"))).isEqualTo(wire(Channel.values()));
        assertThat(Contract.strings(Contract.schema("TicketStatus").path("enum"))).isEqualTo(wire(TicketStatus.values()));
        assertThat(Contract.strings(Contract.schema("CounterStatus").path("enum"))).isEqualTo(wire(CounterStatus.values()));
    }

    @Test
    void theRolesInTheDocumentAreRoleWireNames() {
        var paths = Contract.openApi().path("paths");
        var login = paths.path("/api/login").path("post").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("properties").path("role").path("enum");
        var claim = paths.path("/api/pairings/claim").path("post").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("properties").path("role").path("enum");
        assertThat(Contract.strings(login)).isNotEmpty().isSubsetOf(wire(Role.values()));
        assertThat(Contract.strings(claim)).isNotEmpty().isSubsetOf(wire(Role.values()));
    }

    /** In a Turkish locale "KIOSK".toLowerCase() is "kıosk": a name rebuilt from name() breaks there. */
    @Test
    void wireNamesDoNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            for (Role r : Role.values()) {
                assertThat(r.wire()).matches("[a-z]+");
                assertThat(WireNamed.fromWire(Role.class, r.wire())).isEqualTo(r);
            }
            assertThat(WireNamed.fromWire(Priority.class, "disability")).isEqualTo(Priority.DISABILITY);
        } finally {
            Locale.setDefault(before);
        }
    }
}
