// Test fixture glue: a Node whose plugins come from classes on the classpath instead of
// module/plugin directories. Lives in org.elasticsearch.node to reach package-private API
// (NodeConstruction.prepareConstruction, Node(NodeConstruction), NodeServiceProvider).
package org.elasticsearch.node;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

public class EmbeddedNode extends Node {
    public EmbeddedNode(Settings settings, Path configDir, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), configDir, () -> settings.get("node.name", "es-local-1")),
            null,
            new NodeServiceProvider() {
                @Override
                PluginsService newPluginService(Environment env, PluginsLoader loader) {
                    return new ClasspathPluginsService(env.settings(), env.configDir(), List.copyOf(plugins));
                }
            },
            false));
    }
}
