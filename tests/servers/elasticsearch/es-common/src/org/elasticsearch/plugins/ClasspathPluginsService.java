// Test fixture glue: a PluginsService over plugin classes already on the classpath (same idea as
// the test framework's MockPluginsService, without the test framework).
package org.elasticsearch.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.plugins.spi.SPIClassIterator;

public class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(Settings settings, Path configDir, Collection<Class<? extends Plugin>> classes) {
        super(settings, configDir, new PluginsLoader(Set.of(), Set.of(), java.util.Map.of()));
        List<LoadedPlugin> list = new ArrayList<>();
        for (Class<? extends Plugin> cls : classes) {
            Plugin instance = loadPlugin(cls, settings, configDir);
            list.add(new LoadedPlugin(ClasspathDescriptors.of(cls), instance, cls.getClassLoader()));
        }
        loadExtensions(list);
        this.loaded = List.copyOf(list);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded == null ? List.of() : loaded;
    }

    @Override
    public PluginsAndModules info() {
        List<PluginRuntimeInfo> infos = new ArrayList<>();
        for (LoadedPlugin p : plugins()) {
            infos.add(new PluginRuntimeInfo(p.descriptor()));
        }
        return new PluginsAndModules(infos, List.of());
    }

    /**
     * All plugins share one class loader here, so the default implementation would find every
     * provider once per plugin. Find each provider class once and bind it to the plugin its
     * constructor asks for (or to the first plugin for a no-arg constructor).
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        List<LoadedPlugin> plugins = plugins();
        List<T> result = new ArrayList<>();
        if (plugins.isEmpty()) {
            return result;
        }
        Set<Class<? extends T>> providers = new LinkedHashSet<>();
        for (LoadedPlugin p : plugins) {
            SPIClassIterator<T> it = SPIClassIterator.get(service, p.instance().getClass().getClassLoader());
            while (it.hasNext()) {
                providers.add(it.next());
            }
        }
        for (Class<? extends T> k : providers) {
            Plugin target = plugins.get(0).instance();
            boolean usable = true;
            for (var ctor : k.getConstructors()) {
                if (ctor.getParameterCount() == 1) {
                    usable = false;
                    for (LoadedPlugin p : plugins) {
                        if (ctor.getParameterTypes()[0].isInstance(p.instance())) {
                            target = p.instance();
                            usable = true;
                            break;
                        }
                    }
                }
            }
            if (usable) {
                result.add(createExtension(k, service, target));
            }
        }
        return result;
    }
}
