package dev.hotline.server.reload;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a class as the JVM's redefinition rules see it, read straight from class-file bytes: name,
 * superclass, interfaces, fields and methods with their modifiers. Just enough of the class-file format
 * (JVMS chapter 4) to explain a refused redefinition; code and attributes are skipped.
 *
 * @param name binary name, with dots ({@code com.example.Greeter$Inner})
 * @param superName binary name of the superclass, null for {@code java.lang.Object}
 */
public record ClassStructure(String name, String superName, List<String> interfaces, List<Member> fields,
        List<Member> methods, int majorVersion) {

    /** A field or method: name, JVM descriptor, access flags. */
    public record Member(String name, String descriptor, int access) {
        /** {@code int count}, {@code void greet(java.lang.String)}, in Java terms. */
        String describe(boolean method) {
            return method ? Descriptors.method(name, descriptor) : Descriptors.field(name, descriptor);
        }

        String key() {
            return name + descriptor;
        }
    }

    /**
     * Reads the structure.
     *
     * @throws IOException if the bytes are not a class file
     */
    public static ClassStructure read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file (no CAFEBABE magic)");
        }
        in.readUnsignedShort(); // minor
        int major = in.readUnsignedShort();
        Object[] pool = readConstantPool(in);
        in.readUnsignedShort(); // access flags
        String name = className(pool, in.readUnsignedShort());
        int superIndex = in.readUnsignedShort();
        String superName = superIndex == 0 ? null : className(pool, superIndex);
        int interfaceCount = in.readUnsignedShort();
        List<String> interfaces = new ArrayList<>();
        for (int i = 0; i < interfaceCount; i++) {
            interfaces.add(className(pool, in.readUnsignedShort()));
        }
        List<Member> fields = readMembers(in, pool);
        List<Member> methods = readMembers(in, pool);
        return new ClassStructure(name, superName, interfaces, fields, methods, major);
    }

    /** Reads just the class's binary name, for files whose name may not match their content. */
    public static String nameOf(byte[] bytes) throws IOException {
        return read(bytes).name();
    }

    private static Object[] readConstantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> pool[i] = new int[] {tag, in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // longs and doubles take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        return pool;
    }

    private static String className(Object[] pool, int index) throws IOException {
        if (!(pool[index] instanceof int[] ref) || ref[0] != 7 || !(pool[ref[1]] instanceof String internal)) {
            throw new IOException("constant pool entry " + index + " is not a class");
        }
        return internal.replace('/', '.');
    }

    private static List<Member> readMembers(DataInputStream in, Object[] pool) throws IOException {
        int count = in.readUnsignedShort();
        List<Member> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int access = in.readUnsignedShort();
            String name = (String) pool[in.readUnsignedShort()];
            String descriptor = (String) pool[in.readUnsignedShort()];
            skipAttributes(in);
            members.add(new Member(name, descriptor, access));
        }
        return members;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
        }
    }
}
