package com.clustertokens.lambda;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Environment variables a function class cannot run without; the test suite checks that infra/template.yaml sets
 * each of them on every Lambda that exports one of the class's {@code @Funq} functions.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RequiresEnvironment {

    String[] value();
}
