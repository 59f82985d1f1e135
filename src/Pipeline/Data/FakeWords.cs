namespace Pipeline.Data;

/// <summary>The built-in word lists fakes are picked from.</summary>
internal static class FakeWords
{
    public static readonly IReadOnlyList<string> First =
    [
        "Alex", "Blair", "Casey", "Dana", "Eli", "Frankie", "Gray", "Harper", "Indy", "Jordan", "Kai", "Logan", "Morgan", "Noel",
        "Oakley", "Parker", "Quinn", "Riley", "Sage", "Taylor", "Umi", "Val", "Wren", "Xen", "Yael", "Zion", "Avery", "Jamie",
        "Robin", "Skyler", "Emery", "Rowan",
    ];

    public static readonly IReadOnlyList<string> Last =
    [
        "Abbott", "Baker", "Carter", "Dixon", "Ellis", "Fisher", "Garcia", "Hayes", "Irwin", "Jensen", "Keller", "Lopez", "Meyer",
        "Novak", "Ortiz", "Patel", "Quinlan", "Reyes", "Schmidt", "Turner", "Ueda", "Vargas", "Walsh", "Xu", "Young", "Zimmer",
        "Bennett", "Cohen", "Dubois", "Fontaine", "Kowalski", "Lindqvist",
    ];

    public static readonly IReadOnlyList<string> Lorem =
    [
        "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor",
        "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam", "quis", "nostrud",
        "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea",
    ];
}
