// Test fixture glue (ES 9.5): descriptor for a classpath plugin (13th argument: DeploymentTarget).
package org.elasticsearch.plugins;

import java.util.List;

import org.elasticsearch.Build;

final class ClasspathDescriptors {
    private ClasspathDescriptors() {}

    static PluginDescriptor of(Class<? extends Plugin> cls) {
        return new PluginDescriptor(cls.getSimpleName(), "classpath plugin", "NA", Build.current().version(), "21",
            cls.getName(), null, List.of(), false, false, false, false, PluginDescriptor.DeploymentTarget.ALL);
    }
}
