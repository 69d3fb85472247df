// Test fixture: GET / and HEAD / for a node built from the published server jar, which lacks the
// unpublished rest-root module. Mirrors the body of the real "main" action.
package esn;

import java.util.List;

import org.elasticsearch.Build;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.admin.cluster.state.ClusterStateRequest;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

public final class RootHandler extends BaseRestHandler {
    @Override
    public String getName() {
        return "es_local_main_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        ClusterStateRequest req = new ClusterStateRequest(TimeValue.THIRTY_SECONDS).clear().metadata(true);
        String nodeName = client.settings().get("node.name", "es-local-1");
        String clusterName = client.settings().get("cluster.name", "es-local");
        return channel -> client.admin().cluster().state(req, ActionListener.wrap(resp -> {
            if (request.method() == RestRequest.Method.HEAD) {
                channel.sendResponse(new RestResponse(RestStatus.OK, RestResponse.TEXT_CONTENT_TYPE, ""));
                return;
            }
            Build build = Build.current();
            XContentBuilder b = channel.newBuilder();
            if (request.hasParam("pretty") == false) {
                b.prettyPrint().lfAtEnd();
            }
            b.startObject();
            b.field("name", nodeName);
            b.field("cluster_name", clusterName);
            b.field("cluster_uuid", resp.getState().metadata().clusterUUID());
            b.startObject("version");
            b.field("number", build.qualifiedVersion());
            b.field("build_flavor", build.flavor());
            b.field("build_type", build.type().displayName());
            b.field("build_hash", build.hash());
            b.field("build_date", build.date());
            b.field("build_snapshot", build.isSnapshot());
            b.field("lucene_version", org.apache.lucene.util.Version.LATEST.toString());
            b.field("minimum_wire_compatibility_version", build.minWireCompatVersion());
            b.field("minimum_index_compatibility_version", build.minIndexCompatVersion());
            b.endObject();
            b.field("tagline", "You Know, for Search");
            b.endObject();
            channel.sendResponse(new RestResponse(RestStatus.OK, b));
        }, e -> {
            try {
                channel.sendResponse(new RestResponse(channel, e));
            } catch (java.io.IOException inner) {
                e.addSuppressed(inner);
                channel.sendResponse(new RestResponse(RestStatus.INTERNAL_SERVER_ERROR, e.toString()));
            }
        }));
    }
}
