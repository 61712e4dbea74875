// swift-tools-version: 6.0
// Theta: a small language for generative models. See README.md and ../shared/ARCHITECTURE.md.
import PackageDescription

/// Release builds of the numeric kernels target Haswell (AVX2 and FMA, every x86-64 server
/// and desktop CPU since 2013) when built on x86-64: SwiftPM's default x86-64 baseline is
/// SSE2, which halves the width of every vector kernel and has no fused multiply-add. The
/// manifest is compiled for the host, so `arch(x86_64)` here is the machine that builds;
/// elsewhere (arm64: NEON and FMA are baseline) no flag is passed. Debug builds keep the
/// default, so tests run anywhere. The kernels themselves assume no instruction set:
/// `SIMD8<Double>` lowers to whatever vectors the target has, and a fused multiply-add
/// becomes the C library's `fma` where the target lacks the instruction.
#if arch(x86_64)
let engineSettings: [SwiftSetting] = [
    .unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux], configuration: .release)),
]
#else
let engineSettings: [SwiftSetting] = []
#endif

let package = Package(
    name: "Theta",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "theta", targets: ["theta"]),
        .library(name: "ThetaTensor", targets: ["ThetaTensor"]),
        .library(name: "ThetaAutodiff", targets: ["ThetaAutodiff"]),
        .library(name: "ThetaRuntime", targets: ["ThetaRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),

        // The numeric engine: imports nothing of the language.
        .target(name: "ThetaTensor", dependencies: [
            "COpenBLAS",
            .product(name: "RealModule", package: "swift-numerics"),
        ], swiftSettings: engineSettings),
        .target(name: "ThetaAutodiff", dependencies: ["ThetaTensor"], swiftSettings: engineSettings),
        .target(name: "ThetaProbability", dependencies: ["ThetaTensor", "ThetaAutodiff"], swiftSettings: engineSettings),
        .target(name: "ThetaData", dependencies: [
            "ThetaTensor", "ThetaProbability",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Resources")]),

        // The language.
        .target(name: "ThetaSyntax"),
        // The plot model and its two drawings (terminal characters, SVG); imports nothing of ours.
        .target(name: "ThetaPlot"),
        .target(name: "ThetaRuntime", dependencies: [
            "ThetaSyntax", "ThetaTensor", "ThetaAutodiff", "ThetaProbability", "ThetaData", "ThetaPlot",
        ], resources: [.copy("stdlib")]),
        .target(name: "ThetaNotebook", dependencies: [
            "ThetaRuntime", "ThetaSyntax", "ThetaPlot",
            .product(name: "Ink", package: "Ink"),
        ]),
        .executableTarget(name: "theta", dependencies: [
            "ThetaRuntime", "ThetaSyntax", "ThetaNotebook", "ThetaPlot", "ThetaTensor", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The benchmark program (release build: `swift run -c release theta-bench`).
        .executableTarget(name: "theta-bench", dependencies: [
            "ThetaTensor", "ThetaAutodiff", "ThetaProbability", "ThetaRuntime", "ThetaSyntax", "ThetaData", "COpenBLAS",
        ], path: "bench/Sources"),

        .testTarget(name: "ThetaTensorTests", dependencies: ["ThetaTensor"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ThetaDataTests", dependencies: ["ThetaData", "ThetaTensor"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ThetaAutodiffTests", dependencies: ["ThetaAutodiff", "ThetaTensor"]),
        .testTarget(name: "ThetaProbabilityTests", dependencies: ["ThetaProbability", "ThetaAutodiff", "ThetaTensor"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ThetaSyntaxTests", dependencies: ["ThetaSyntax"]),
        .testTarget(name: "ThetaRuntimeTests", dependencies: ["ThetaRuntime", "ThetaSyntax", "ThetaTensor"]),
        .testTarget(name: "ThetaCLITests", dependencies: ["theta"]),
        .testTarget(name: "ThetaNotebookTests", dependencies: ["ThetaNotebook", "ThetaPlot", "ThetaRuntime", "ThetaSyntax"],
                    exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
