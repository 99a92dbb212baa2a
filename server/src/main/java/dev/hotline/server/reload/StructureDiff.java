package dev.hotline.server.reload;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two versions of a class in ways the JVM's redefinition does not allow: members added
 * or removed, modifiers changed, a different superclass or interfaces. Method bodies may change freely, so
 * they are not compared. An empty result means the shapes agree.
 */
final class StructureDiff {
    private static final int MODIFIERS = Modifier.PUBLIC | Modifier.PRIVATE | Modifier.PROTECTED | Modifier.STATIC
            | Modifier.FINAL | Modifier.ABSTRACT | Modifier.NATIVE | Modifier.SYNCHRONIZED;

    private StructureDiff() {
    }

    static List<String> between(ClassStructure before, ClassStructure after) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(before.superName(), after.superName())) {
            changes.add("changed the superclass from " + before.superName() + " to " + after.superName());
        }
        after.interfaces().stream().filter(i -> !before.interfaces().contains(i))
                .forEach(i -> changes.add("added interface " + i));
        before.interfaces().stream().filter(i -> !after.interfaces().contains(i))
                .forEach(i -> changes.add("removed interface " + i));
        compare("field", before.fields(), after.fields(), false, changes);
        compare("method", before.methods(), after.methods(), true, changes);
        return changes;
    }

    private static void compare(String kind, List<ClassStructure.Member> before, List<ClassStructure.Member> after,
            boolean methods, List<String> changes) {
        Map<String, ClassStructure.Member> old = index(before);
        Map<String, ClassStructure.Member> fresh = index(after);
        fresh.forEach((key, member) -> {
            ClassStructure.Member was = old.get(key);
            if (was == null) {
                changes.add("added " + kind + " " + member.describe(methods));
            } else if ((was.access() & MODIFIERS) != (member.access() & MODIFIERS)) {
                changes.add("changed the modifiers of " + kind + " " + member.describe(methods) + " from '"
                        + Modifier.toString(was.access() & MODIFIERS) + "' to '" + Modifier.toString(member.access() & MODIFIERS) + "'");
            }
        });
        old.forEach((key, member) -> {
            if (!fresh.containsKey(key)) {
                changes.add("removed " + kind + " " + member.describe(methods));
            }
        });
    }

    private static Map<String, ClassStructure.Member> index(List<ClassStructure.Member> members) {
        Map<String, ClassStructure.Member> map = new LinkedHashMap<>();
        members.forEach(m -> map.put(m.key(), m));
        return map;
    }
}
