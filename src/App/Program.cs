using App.Hosting;

if (args.Contains(HealthProbe.Flag, StringComparer.OrdinalIgnoreCase))
    return await HealthProbe.RunAsync(EnvironmentSnapshot.Current(), Console.Out);

return await AppHost.RunAsync(args);
