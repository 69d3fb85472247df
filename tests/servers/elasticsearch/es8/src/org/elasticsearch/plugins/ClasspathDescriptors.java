// Test fixture glue (ES 8.19): descriptor for a classpath plugin (12-argument constructor).
package org.elasticsearch.plugins;

import java.util.List;

import org.elasticsearch.Build;

final class ClasspathDescriptors {
    private ClasspathDescriptors() {}

    static PluginDescriptor of(Class<? extends Plugin> cls) {
        return new PluginDescriptor(cls.getSimpleName(), "classpath plugin", "NA", Build.current().version(), "17",
            cls.getName(), null, List.of(), false, false, false, false);
    }
}
