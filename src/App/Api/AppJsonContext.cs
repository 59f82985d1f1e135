using System.Text.Json.Serialization;
using App.Data;
using App.Hosting;

namespace App.Api;

/// <summary>Source-generated JSON for every type the API reads or writes (the published app is trimmed).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobRequest))]
[JsonSerializable(typeof(JobAccepted))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(QueueStats))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(IReadOnlyList<User>))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
