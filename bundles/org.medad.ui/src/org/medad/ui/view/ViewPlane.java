package org.medad.ui.view;

/**
 * The three standard views in RAS, shown in the radiological convention 3D Slicer, ITK-SNAP and OHIF users know:
 * axial seen from the feet (patient's right on the screen's left, anterior up), coronal seen from the front (right on
 * the left, superior up), sagittal seen from the patient's left (anterior on the left, superior up).
 * {@code right} and {@code down} are the RAS directions of the screen's x and y axes, {@code normal} the direction
 * slice numbers grow in.
 */
public enum ViewPlane {
	AXIAL("Axial", new double[] { -1, 0, 0 }, new double[] { 0, -1, 0 }, new double[] { 0, 0, 1 }),
	CORONAL("Coronal", new double[] { -1, 0, 0 }, new double[] { 0, 0, -1 }, new double[] { 0, 1, 0 }),
	SAGITTAL("Sagittal", new double[] { 0, -1, 0 }, new double[] { 0, 0, -1 }, new double[] { 1, 0, 0 });

	private final String label;
	private final double[] right;
	private final double[] down;
	private final double[] normal;

	ViewPlane(String label, double[] right, double[] down, double[] normal) {
		this.label = label;
		this.right = right;
		this.down = down;
		this.normal = normal;
	}

	public String label() {
		return label;
	}

	double[] right() {
		return right.clone();
	}

	double[] down() {
		return down.clone();
	}

	double[] normal() {
		return normal.clone();
	}
}
