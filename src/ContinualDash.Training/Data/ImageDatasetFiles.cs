namespace ContinualDash.Training.Data;

/// <summary>
/// Locates and loads an MNIST-format data set (four IDX files, gzipped or not) from a directory. The default
/// is Fashion-MNIST as installed by Debian's package, so the trainer works without downloads.
/// </summary>
public static class ImageDatasetFiles
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that provides <see cref="DefaultDirectory"/>.</summary>
    public const string AptPackage = "dataset-fashion-mnist";

    private static readonly string[] Stems = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Loads the training and test splits from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names the apt package.</exception>
    public static (LabeledImages Train, LabeledImages Test) Load(string directory)
    {
        var paths = Stems.Select(s => Find(directory, s)).ToArray();
        return (Read(paths[0], paths[1]), Read(paths[2], paths[3]));
    }

    private static string Find(string directory, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException(
            $"{Path.Combine(directory, stem)}[.gz] not found; install the Debian package {AptPackage} (apt-get install {AptPackage}) or pass a directory with MNIST-format IDX files",
            stem);
    }

    private static LabeledImages Read(string imagesPath, string labelsPath)
    {
        var (count, height, width, features) = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != count)
            throw new InvalidDataException($"{imagesPath} has {count} images but {labelsPath} has {labels.Length} labels");
        return new LabeledImages(features, labels, height, width);
    }
}
