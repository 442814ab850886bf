using System.Text;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// Passes a body through while checking that it is UTF-8, so an invalid byte is reported with its
/// offset and physical line instead of surfacing somewhere in a reader's look-ahead.
/// </summary>
internal sealed class Utf8CheckingStream(Stream inner) : Stream
{
    private readonly Decoder _decoder = ImportReader.StrictUtf8.GetDecoder();
    private char[] _scratch = [];
    private long _offset;
    private int _lines;
    private bool _finished;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _offset; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (!buffer.IsEmpty)
        {
            Check(buffer.Span[..read]);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        if (!buffer.IsEmpty)
        {
            Check(buffer[..read]);
        }

        return read;
    }

    private void Check(ReadOnlySpan<byte> bytes)
    {
        if (_finished)
        {
            return;
        }

        if (_scratch.Length < bytes.Length + 4)
        {
            _scratch = new char[Math.Max(bytes.Length + 4, 4096)];
        }

        try
        {
            // flush at the end of the body: a sequence cut short there is invalid too.
            _decoder.Convert(bytes, _scratch, flush: bytes.IsEmpty, out _, out _, out _);
        }
        catch (DecoderFallbackException e)
        {
            var index = Math.Clamp(e.Index, 0, bytes.Length);
            var line = _lines + bytes[..index].Count((byte)'\n') + 1;
            var value = e.BytesUnknown is { Length: > 0 } unknown ? $"0x{unknown[0]:X2}" : "a truncated sequence";
            throw new ImportFileException(line, null,
                $"The file is not valid UTF-8: {value} at byte {_offset + index} (physical line {line}) cannot be decoded. "
                + "Save the file as UTF-8 (in a spreadsheet: \"CSV UTF-8\").");
        }

        _offset += bytes.Length;
        _lines += bytes.Count((byte)'\n');
        _finished = bytes.IsEmpty;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
