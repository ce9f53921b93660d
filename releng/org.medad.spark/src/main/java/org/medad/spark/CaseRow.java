package org.medad.spark;

import java.io.Serializable;

/** One case of the manifest as the Dataset carries it to the executors (a Java bean, for Spark's encoder). */
public class CaseRow implements Serializable {
	private static final long serialVersionUID = 1L;
	private String id;
	private String image;
	private String mask;
	private String problem;

	public CaseRow() {
	}

	public CaseRow(String id, String image, String mask, String problem) {
		this.id = id;
		this.image = image;
		this.mask = mask;
		this.problem = problem;
	}

	public String getId() {
		return id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public String getImage() {
		return image;
	}

	public void setImage(String image) {
		this.image = image;
	}

	public String getMask() {
		return mask;
	}

	public void setMask(String mask) {
		this.mask = mask;
	}

	public String getProblem() {
		return problem;
	}

	public void setProblem(String problem) {
		this.problem = problem;
	}
}
