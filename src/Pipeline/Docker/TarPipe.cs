using System.Formats.Tar;
using System.IO.Pipelines;

namespace Pipeline.Docker;

/// <summary>A tar streamed as it is written (no temporary file), for the Engine API's archive upload.</summary>
internal static class TarPipe
{
    /// <summary>Starts <paramref name="write"/> and returns the stream to read the tar from; a write error surfaces on the reading side.</summary>
    public static Stream Open(Func<TarWriter, Task> write)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        _ = Task.Run(async () =>
        {
            try
            {
                await using (var tar = new TarWriter(pipe.Writer.AsStream(leaveOpen: true), TarEntryFormat.Pax, leaveOpen: false))
                    await write(tar);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
            }
        });
        return pipe.Reader.AsStream();
    }
}
