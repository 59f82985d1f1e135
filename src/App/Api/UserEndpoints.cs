using App.Data;

namespace App.Api;

/// <summary><c>/api/users</c>.</summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/users", async (UserRequest request, UserStore users, TimeProvider time, CancellationToken ct) =>
        {
            var email = request.Email?.Trim();
            if (string.IsNullOrEmpty(email) || !email.Contains('@'))
                return Results.Json(new ErrorResponse($"'email' must be an address containing '@', not '{email}'."), AppJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);
            var user = await users.AddAsync(request.Name?.Trim(), email, request.Phone?.Trim(), time.GetUtcNow(), ct);
            return Results.Created($"/api/users/{user.Id}", user);
        });

        app.MapGet("/api/users/{id:long}", async (long id, UserStore users, CancellationToken ct) =>
            await users.GetAsync(id, ct) is { } user
                ? Results.Ok(user)
                : Results.Json(new ErrorResponse($"User {id} not found."), AppJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status404NotFound));

        app.MapGet("/api/users", async (UserStore users, CancellationToken ct, int? limit) =>
            await users.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), ct));
        return app;
    }
}
