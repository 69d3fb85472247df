// Test fixture: one Elasticsearch 7.10.2 node (all standard modules) in this JVM, through the
// codelibs elasticsearch-cluster-runner API. Our own glue code.
//
//   java -Dlog4j2.formatMsgNoLookups=true -cp <classes>:<classpath> esl.Es7Launch <home> <http-port> [key=value ...]
package esl;

import java.util.ArrayList;
import java.util.List;

import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;

public final class Es7Launch {
    private Es7Launch() {}

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
            throw new IllegalArgumentException("usage: esl.Es7Launch <home> <http-port> [key=value ...]");
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

        ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
        // Never probe for "the next free port": use exactly the one asked for (fail if taken).
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, b) -> {
            b.put("network.host", "127.0.0.1");
            b.put("http.port", Integer.toString(port));
            b.put("transport.port", (port + 100) + "-" + (port + 199));
            b.put("discovery.type", "single-node");
            b.put("node.name", "es-local-1");
            b.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            // The cluster runner's default roles leave out ingest; pipelines need it.
            b.put("node.roles", "master,data,ingest");
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
        runner.build(ElasticsearchClusterRunner.newConfigs()
            .basePath(home)
            .numOfNode(1)
            .baseHttpPort(port - 1)
            .clusterName("es-local"));
        runner.ensureYellow();
        System.out.println("es-local: node started on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
