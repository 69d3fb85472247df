// Test fixture: starts one genuine Elasticsearch 8.x/9.x node in this JVM from the Maven Central
// server jar + transport-netty4 (see tests/servers/elasticsearch/README.md). Our own glue code.
//
//   java -cp <classes>:<classpath> esn.Launch <home> <http-port> [key=value ...]
package esn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.node.EmbeddedNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

public final class Launch {
    private Launch() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            System.err.println("es-local: node failed to start: " + t);
            t.printStackTrace();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: esn.Launch <home> <http-port> [key=value ...]");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));

        Settings.Builder b = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "es-local")
            .put("node.name", "es-local-1")
            .put("network.host", "127.0.0.1")
            .put("http.port", Integer.toString(port))
            .put("transport.port", (port + 100) + "-" + (port + 199))
            .put("discovery.type", "single-node")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("cluster.routing.allocation.disk.threshold_enabled", "false");
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got: " + args[i]);
            }
            b.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }

        LogConfigurator.configureESLogging();
        Node node = new EmbeddedNode(b.build(), config, List.of(Netty4Plugin.class, RootInfoPlugin.class));
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Throwable t) {
                System.err.println("es-local: close failed: " + t);
            }
        }, "es-local-shutdown"));
        System.out.println("es-local: node started on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
