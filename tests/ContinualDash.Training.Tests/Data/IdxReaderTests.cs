using ContinualDash.Testing.Datasets;
using ContinualDash.Training.Data;

namespace ContinualDash.Training.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "idx-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadImagesAndLabels_GzipFiles_ScalesPixelsToUnitRange()
    {
        Directory.CreateDirectory(_dir);
        var images = Path.Combine(_dir, "i.gz");
        var labels = Path.Combine(_dir, "l.gz");
        SyntheticIdx.WriteImages(images, [0, 255, 51, 102, 0, 0], 1, 2, 3);
        SyntheticIdx.WriteLabels(labels, [7]);

        var (count, height, width, features) = IdxReader.ReadImages(images);

        Assert.Equal((1, 2, 3), (count, height, width));
        Assert.Equal([0f, 1f, 0.2f, 0.4f, 0f, 0f], features);
        Assert.Equal([7], IdxReader.ReadLabels(labels));
    }

    [Fact]
    public void ReadImages_Truncated_ThrowsInvalidData()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "short");
        File.WriteAllBytes(path, [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2]);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void ReadLabels_ImageFile_ThrowsWrongDimensions()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "i.gz");
        SyntheticIdx.WriteImages(path, [1], 1, 1, 1);

        Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Load_GeneratedDataset_ReadsBothSplits()
    {
        SyntheticIdx.WriteDataset(_dir, trainPerClass: 3, testPerClass: 2);

        var (train, test) = ImageDatasetFiles.Load(_dir);

        Assert.Equal((30, 20, 36), (train.Count, test.Count, train.FeatureSize));
        Assert.Equal(10, train.ClassCount);
    }

    [Fact]
    public void Load_MissingDirectory_NamesAptPackage()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => ImageDatasetFiles.Load(_dir));

        Assert.Contains("dataset-fashion-mnist", ex.Message);
        Directory.CreateDirectory(_dir);
    }
}
