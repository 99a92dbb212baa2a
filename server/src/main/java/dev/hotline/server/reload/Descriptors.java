package dev.hotline.server.reload;

import java.util.ArrayList;
import java.util.List;

/** Turns JVM descriptors into Java as a person writes it: {@code (Ljava/lang/String;I)V} into {@code void f(String, int)}. */
final class Descriptors {
    private Descriptors() {
    }

    static String field(String name, String descriptor) {
        return type(descriptor, new int[] {0}) + " " + name;
    }

    static String method(String name, String descriptor) {
        int[] at = {1};
        List<String> parameters = new ArrayList<>();
        while (descriptor.charAt(at[0]) != ')') {
            parameters.add(type(descriptor, at));
        }
        at[0]++;
        String shown = name.equals("<init>") ? "constructor" : name.equals("<clinit>") ? "static initializer" : name;
        return type(descriptor, at) + " " + shown + "(" + String.join(", ", parameters) + ")";
    }

    /** Reads one type at {@code at[0]}, advancing it. */
    private static String type(String d, int[] at) {
        char c = d.charAt(at[0]++);
        return switch (c) {
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'D' -> "double";
            case 'F' -> "float";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'S' -> "short";
            case 'Z' -> "boolean";
            case 'V' -> "void";
            case '[' -> type(d, at) + "[]";
            case 'L' -> {
                int end = d.indexOf(';', at[0]);
                String internal = d.substring(at[0], end);
                at[0] = end + 1;
                String simple = internal.substring(internal.lastIndexOf('/') + 1);
                yield internal.startsWith("java/lang/") ? simple : internal.replace('/', '.');
            }
            default -> throw new IllegalArgumentException("bad descriptor " + d);
        };
    }
}
