package com.clustertokens.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quarkus.test.common.WithTestResource;

/**
 * Fails a test class one of whose test resources {@link NeedsMotoServer} when moto_server is not installed, before
 * Quarkus starts any resource: in one line naming the tool and its install command. The same failure inside a
 * resource would reach the report wrapped five times by Quarkus, its message at the bottom of a page of frames.
 * Registered for every test class through META-INF/services (Quarkus turns on extension auto-detection); the
 * annotations are read by name, since Quarkus may load the test class in its own class loader.
 */
public final class RequiredTools implements BeforeAllCallback {

    private static final String WITH_TEST_RESOURCE = WithTestResource.class.getName();

    @Override
    public void beforeAll(ExtensionContext context) {
        if (needsMotoServer(context.getRequiredTestClass())) {
            MotoServer.requireInstalled();
        }
    }

    /** Whether a resource declared on {@code testClass}, its superclasses or enclosing classes needs moto_server. */
    static boolean needsMotoServer(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                if (resources(c).stream().anyMatch(RequiredTools::implementsNeedsMotoServer)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Class<?>> resources(Class<?> type) {
        List<Class<?>> resources = new ArrayList<>();
        for (Annotation annotation : type.getDeclaredAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.equals(WITH_TEST_RESOURCE)) {
                resources.add((Class<?>) value(annotation));
            } else if (name.equals(WITH_TEST_RESOURCE + "$List")) {
                for (Object repeated : (Object[]) value(annotation)) {
                    resources.add((Class<?>) value((Annotation) repeated));
                }
            }
        }
        return resources;
    }

    private static Object value(Annotation annotation) {
        try {
            return annotation.annotationType().getMethod("value").invoke(annotation);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + annotation, e);
        }
    }

    private static boolean implementsNeedsMotoServer(Class<?> resource) {
        for (Class<?> c = resource; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(NeedsMotoServer.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
