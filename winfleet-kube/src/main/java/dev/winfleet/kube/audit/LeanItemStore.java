package dev.winfleet.kube.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The audit informers' cache: drops what no rule reads before keeping an object, so that 100,000
 * pods fit in the heap: {@code metadata.managedFields} of every object, and a Pod's {@code status}
 * (container statuses, conditions), which changes often and is never judged.
 */
public final class LeanItemStore<T extends HasMetadata>
    implements ItemStore<T>, AuditController.ObjectCache {

  private final Map<String, T> items = new ConcurrentHashMap<>();

  /** Keeps an object under its {@code namespace/name} key, as an informer does. */
  public void add(T obj) {
    put(getKey(obj), obj);
  }

  @Override
  public String getKey(T obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public T put(String key, T obj) {
    obj.getMetadata().setManagedFields(null);
    if (obj instanceof Pod p) {
      p.setStatus(null);
    }
    return items.put(key, obj);
  }

  @Override
  public java.util.Collection<T> list() {
    return items.values();
  }

  @Override
  public T remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public T get(String key) {
    return items.get(key);
  }
}
