using System.Buffers.Binary;

namespace Pipeline.Machine;

/// <summary>Reads just enough of an ELF executable to tell whether it is statically linked.</summary>
internal static class ElfFile
{
    private const uint InterpreterSegment = 3;

    /// <summary>True for an ELF file without a program interpreter (PT_INTERP), i.e. one that needs no shared libraries.</summary>
    public static bool IsStatic(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
            return false;
        var is64 = bytes[4] == 2;
        var little = bytes[5] == 1;
        var offset = is64 ? (long)Read64(bytes, 0x20, little) : Read32(bytes, 0x1C, little);
        var entrySize = Read16(bytes, is64 ? 0x36 : 0x2A, little);
        var count = Read16(bytes, is64 ? 0x38 : 0x2C, little);
        for (var i = 0; i < count; i++)
        {
            var at = offset + (i * entrySize);
            if (at + 4 > bytes.Length || Read32(bytes, (int)at, little) == InterpreterSegment)
                return false;
        }
        return true;
    }

    private static ushort Read16(byte[] b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));

    private static uint Read32(byte[] b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));

    private static ulong Read64(byte[] b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(at));
}
