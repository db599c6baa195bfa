package com.clustertokens.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

import com.clustertokens.lambda.RequiresEnvironment;

/** The {@code @Funq} functions compiled into target/classes, found by indexing the class files themselves. */
final class FunqFunctions {

    static final Path CLASSES = Path.of("target", "classes");

    private static final DotName FUNQ = DotName.createSimple("io.quarkus.funqy.Funq");
    private static final DotName REQUIRES = DotName.createSimple(RequiresEnvironment.class.getName());

    private FunqFunctions() {
    }

    /** A function's name (as QUARKUS_FUNQY_EXPORT selects it), its class, and what that class declares it needs. */
    record Function(String name, String className, List<String> requiredEnvironment, boolean declaresRequirements) {
    }

    /** Every @Funq function by name; the name is the annotation's value, else the method name, as Funqy does. */
    static Map<String, Function> all() {
        Index index = index();
        Map<String, Function> functions = new TreeMap<>();
        for (AnnotationInstance funq : index.getAnnotations(FUNQ)) {
            if (funq.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            var method = funq.target().asMethod();
            ClassInfo owner = method.declaringClass();
            String name = funq.value() == null || funq.value().asString().isEmpty()
                    ? method.name()
                    : funq.value().asString();
            AnnotationInstance requires = owner.declaredAnnotation(REQUIRES);
            List<String> required = requires == null ? List.of() : List.of(requires.value().asStringArray());
            functions.put(name, new Function(name, owner.name().toString(), required, requires != null));
        }
        return functions;
    }

    private static Index index() {
        if (!Files.isDirectory(CLASSES)) {
            throw new IllegalStateException(CLASSES.toAbsolutePath() + " is missing: run the tests through Maven");
        }
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            files.filter(file -> file.toString().endsWith(".class")).forEach(file -> {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexer.complete();
    }
}
