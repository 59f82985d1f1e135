namespace App.Api;

/// <summary>Turns a request the framework cannot bind (bad JSON, missing body) into a 400 that says why.</summary>
internal sealed class BadRequestAnswer(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
            var reason = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            await context.Response.WriteAsJsonAsync(new ErrorResponse(reason), AppJsonContext.Default.ErrorResponse, cancellationToken: context.RequestAborted);
        }
    }
}
