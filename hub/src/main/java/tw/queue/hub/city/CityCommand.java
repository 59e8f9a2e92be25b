package tw.queue.hub.city;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tw.queue.config.CityConfig;
import tw.queue.config.CityConfigLoader;
import tw.queue.config.ConfigException;

/** {@code java -jar hub.jar city --cluster FILE [--port N] [--host ADDRESS]}: a city-view member with no office. */
@Command(name = "city", mixinStandardHelpOptions = true,
        description = "A member of the city's cluster with no office: serves every office's waits (GET /api/public/city).")
public final class CityCommand implements Callable<Integer> {
    @Option(names = "--cluster", required = true, paramLabel = "FILE", description = "The city's cluster file (YAML).")
    Path cluster;

    @Option(names = "--port", defaultValue = "8090", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() {
        CityConfig city;
        try {
            city = CityConfigLoader.load(cluster);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        CityMember member;
        CityView cityView = new CityView(city);
        CityViewVerticle view = new CityViewVerticle(cityView, host, port);
        try {
            member = CityCluster.join(city).await();
        } catch (Exception e) {
            System.err.println("Could not join the city cluster: " + e.getMessage());
            return 1;
        }
        member.onMemberLeft(cityView::memberLeft);
        try {
            member.vertx().deployVerticle(view).await();
        } catch (Exception e) {
            System.err.println("The city view could not start: " + e.getMessage());
            member.leave();
            return 1;
        }
        // bounded: a cluster that does not answer must not keep a stopping process (as the hub's own stop)
        Runtime.getRuntime().addShutdownHook(new Thread(member::leave, "city-shutdown"));
        System.out.printf("City view of %s listening on http://%s:%d/api/public/city%n",
                city.name().get("en"), host, view.port());
        return 0;
    }
}
